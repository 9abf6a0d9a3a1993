import type { HttpException } from '@nestjs/common';
import type { HouseholdRefusal } from '@linkages/calworks-domain';
import { defineProblem, refusedWrite } from '@linkages/platform-http';

/** A second AU with the same CalWORKs case number in one county. */
export const caseNumberInUse = defineProblem({
  slug: 'case-number-in-use',
  status: 409,
  title: 'Case number in use',
  description: 'The county already has an Assistance Unit with this CalWORKs case number (unique per county); nothing changed.',
});

/** A request the household's records make impossible: refused (409), nothing changed; audited as denied. */
export const householdImpossible = (message: string): HttpException => refusedWrite('impossible-sequence', message);

/** Throws the domain's refusal, if there is one, as the impossible-sequence problem. */
export function refuseHousehold(refusal: HouseholdRefusal | undefined): void {
  if (refusal) throw householdImpossible(refusal.refused);
}

/** The case number is taken in the county (409 case-number-in-use); audited as denied. */
export const caseNumberInUseRefused = (): HttpException =>
  refusedWrite(caseNumberInUse, 'The county already has an Assistance Unit with this case number');
