import type { HttpException } from '@nestjs/common';
import { ab2085Problem, type Refusal } from '@linkages/child-welfare-domain';
import { defineProblem, problemException, refusedWrite } from '@linkages/platform-http';

/** AB 2085's refusal as a problem type (screening.rules `ab2085Problem`): documented and raised from this one definition. */
export const ab2085 = defineProblem({
  slug: ab2085Problem.slug,
  status: 422,
  title: ab2085Problem.title,
  description:
    'AB 2085: a referral whose only concern is the family’s poverty cannot be accepted as general neglect; evaluate it out and refer the family to services. Nothing changed.',
});

/** A request that the record's history makes impossible: refused (409), nothing changed; audited as denied. */
export const impossible = (message: string): HttpException => refusedWrite('impossible-sequence', message);

/** Throws the domain's refusal, if there is one, as the impossible-sequence problem. */
export function refuse(refusal: Refusal | undefined): void {
  if (refusal) throw impossible(refusal.refused);
}

/** AB 2085: a poverty-only referral cannot be accepted as general neglect (422). */
export function ab2085Refused(): HttpException {
  return problemException(ab2085, ab2085Problem.message);
}

/** The problem for a refusal the domain returned. */
export const refusalProblem = (refusal: Refusal): HttpException => impossible(refusal.refused);
