import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { ab2085Problem, type Refusal } from '@linkages/child-welfare-domain';
import { problemType } from '@linkages/platform-auth';

/** A request that the record's history makes impossible: refused (409), nothing changed. */
export function impossible(message: string): ConflictException {
  return new ConflictException({ type: problemType('impossible-sequence'), title: 'Impossible sequence', message });
}

/** Throws the domain's refusal, if there is one, as the impossible-sequence problem. */
export function refuse(refusal: Refusal | undefined): void {
  if (refusal) throw impossible(refusal.refused);
}

/** AB 2085: a poverty-only referral cannot be accepted as general neglect (422). */
export function ab2085Refused(): UnprocessableEntityException {
  return new UnprocessableEntityException({
    type: problemType(ab2085Problem.slug),
    title: ab2085Problem.title,
    message: ab2085Problem.message,
  });
}

/** The problem for a refusal the domain returned. */
export const refusalProblem = (refusal: Refusal): ConflictException => impossible(refusal.refused);
