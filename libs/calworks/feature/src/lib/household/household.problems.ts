import type { HttpException } from '@nestjs/common';
import type { HouseholdRefusal } from '@linkages/calworks-domain';
import { defineProblem, problemException } from '@linkages/platform-http';

/** A second AU with the same CalWORKs case number in one county. */
export const caseNumberInUse = defineProblem({
  slug: 'case-number-in-use',
  status: 409,
  title: 'Case number in use',
  description: 'The county already has an Assistance Unit with this CalWORKs case number (unique per county); nothing changed.',
});

/** The business refusals raised here: the refusal audit (household-refusal.audit.ts) records each one once. */
const businessRefusals = new WeakMap<object, { reason: string; refusal: string }>();

/** The reason and kind of a business refusal, or undefined for any other error. */
export const householdRefusalOf = (error: unknown): { reason: string; refusal: string } | undefined =>
  typeof error === 'object' && error !== null ? businessRefusals.get(error) : undefined;

/** A request the household's records make impossible: refused (409), nothing changed; audited as denied. */
export function householdImpossible(message: string): HttpException {
  const error = problemException('impossible-sequence', message);
  businessRefusals.set(error, { reason: message, refusal: 'impossible-sequence' });
  return error;
}

/** Throws the domain's refusal, if there is one, as the impossible-sequence problem. */
export function refuseHousehold(refusal: HouseholdRefusal | undefined): void {
  if (refusal) throw householdImpossible(refusal.refused);
}

/** The case number is taken in the county (409 case-number-in-use); audited as denied. */
export function caseNumberInUseRefused(): HttpException {
  const message = 'The county already has an Assistance Unit with this case number';
  const error = problemException(caseNumberInUse, message);
  businessRefusals.set(error, { reason: message, refusal: caseNumberInUse.slug });
  return error;
}
