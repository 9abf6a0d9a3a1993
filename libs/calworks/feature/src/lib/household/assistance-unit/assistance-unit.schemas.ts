import { z } from 'zod';
import { aidedStatuses, cashAidStatuses, grantChangeReasons, memberRoles } from '@linkages/calworks-domain';
import { dateOfBirth, schemaMatches, ssn, type MatchesSchema } from '@linkages/platform-http';
import { calworksCaseNumber, cents, factDate, householdText } from '../household.schemas';
import type { assistanceUnitView } from './assistance-unit.view';

export const memberBody = z.strictObject({
  role: z.enum(memberRoles),
  firstName: householdText(100),
  lastName: householdText(100),
  dateOfBirth,
  ssn: ssn.optional(),
  needy: z.boolean().describe('The member’s needs are counted in the AU (false: e.g. a non-needy caretaker relative)'),
  aided: z.boolean().describe('The member is aided (a non-needy member is not)'),
});
export type MemberInput = z.output<typeof memberBody>;

export const grantBody = z.strictObject({
  effectiveOn: factDate,
  cashAidStatus: z.enum(cashAidStatuses),
  amountCents: cents.describe('Monthly grant in cents (0 unless paid)'),
  reason: z.enum(grantChangeReasons),
});
export type GrantInput = z.output<typeof grantBody>;

export const createAssistanceUnitBody = z.strictObject({
  caseNumber: calworksCaseNumber.describe('The CalWORKs case number (unique in the county)'),
  aidedStatus: z.enum(aidedStatuses).describe('The AU’s aided status from `aidedFrom` on'),
  aidedFrom: factDate,
  grant: grantBody.optional().describe('The first grant, when the AU is paid'),
  members: z.array(memberBody).min(1).max(20),
});
export type CreateAssistanceUnitInput = z.output<typeof createAssistanceUnitBody>;

export const aidedStatusBody = z.strictObject({ status: z.enum(aidedStatuses), effectiveOn: factDate });
export type AidedStatusInput = z.output<typeof aidedStatusBody>;

export const caseNumberLookupBody = z.strictObject({ caseNumber: calworksCaseNumber });
export type CaseNumberLookupInput = z.output<typeof caseNumberLookupBody>;

const grantResponse = z.object({
  effectiveOn: z.string(),
  cashAidStatus: z.enum(cashAidStatuses),
  amountCents: z.number().int(),
  reason: z.enum(grantChangeReasons),
});

export const memberResponse = z.object({
  memberId: z.uuid(),
  role: z.enum(memberRoles),
  firstName: z.string(),
  lastName: z.string(),
  needy: z.boolean(),
  aided: z.boolean(),
  dateOfBirth: z.string().describe('YYYY-MM-DD (decrypted for CalWORKs casework)'),
  ssnMasked: z.string().nullable().describe('Last four digits only'),
});

export const assistanceUnitResponse = z.object({
  id: z.uuid(),
  countyCode: z.string(),
  caseNumber: z.string(),
  aidedStatus: z.enum(aidedStatuses).describe('Today, in California'),
  aidedPeriods: z
    .array(
      z.object({ status: z.enum(aidedStatuses), from: z.string(), to: z.string().nullable().describe('Last day; null while it lasts') }),
    )
    .describe('The aided status over time, oldest first'),
  cashAid: grantResponse.nullable().describe('The grant in effect today'),
  grantChanges: z.array(grantResponse).describe('Every grant change, oldest first'),
  members: z.array(memberResponse),
});
schemaMatches<MatchesSchema<ReturnType<typeof assistanceUnitView>, typeof assistanceUnitResponse>>();
