import { z } from 'zod';
import { clockViewResponse } from '@linkages/platform-deadline-tracking';
import {
  exemptionReasons,
  familyStabilizationReasons,
  supportiveServiceStatuses,
  supportiveServiceTypes,
  verificationSources,
  verificationStatuses,
  wtwActivityTypes,
} from '@linkages/calworks-domain';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { factDate, plannedDate } from '../household.schemas';
import type { wtwParticipantView } from './wtw-participant.view';

export const enrollBody = z.strictObject({ memberId: z.uuid(), enrolledOn: factDate });
export type EnrollInput = z.output<typeof enrollBody>;

export const planBody = z.strictObject({
  signedOn: factDate,
  activities: z
    .array(
      z.strictObject({
        type: z.enum(wtwActivityTypes),
        weeklyHours: z.number().int('whole hours').min(1).max(80),
        startsOn: plannedDate,
        endsOn: plannedDate.optional(),
      }),
    )
    .min(1)
    .max(20),
});
export type PlanInput = z.output<typeof planBody>;

export const exemptionBody = z.strictObject({
  reason: z.enum(exemptionReasons),
  startsOn: factDate,
  eventOn: factDate.optional().describe('AB 2300: the date of the birth or placement (the 12 weeks count from it)'),
  endsOn: plannedDate.optional().describe('When known (AB 2300: computed by its rule, never given)'),
});
export type ExemptionInput = z.output<typeof exemptionBody>;

export const verificationBody = z.strictObject({
  outcome: z.enum(['verified', 'not-verified']),
  source: z.enum(verificationSources).describe('Who verified it (the CWS-related exemption: the CWS social worker, in writing)'),
  verifiedOn: factDate,
});
export type VerificationInput = z.output<typeof verificationBody>;

export const supportiveServiceBody = z.strictObject({
  type: z.enum(supportiveServiceTypes),
  requestedOn: factDate,
  authorizedOn: factDate.optional(),
  inPlaceOn: factDate.optional(),
});
export type SupportiveServiceInput = z.output<typeof supportiveServiceBody>;

export const familyStabilizationBody = z.strictObject({ reason: z.enum(familyStabilizationReasons), referredOn: factDate });
export type FamilyStabilizationInput = z.output<typeof familyStabilizationBody>;

const activityResponse = z.object({
  id: z.uuid(),
  type: z.enum(wtwActivityTypes),
  weeklyHours: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
const exemptionResponse = z.object({
  id: z.uuid(),
  reason: z.enum(exemptionReasons),
  startsOn: z.string(),
  endsOn: z.string().nullable().describe('AB 2300: 12 weeks after the birth or placement (rule calworks.wtw.ab2300-exemption)'),
  eventOn: z.string().nullable(),
  inEffectToday: z.boolean().describe('In effect today and verified (or needing no verification)'),
  verification: z.object({
    required: z.boolean(),
    source: z.enum(verificationSources).nullable().describe('Who must verify it'),
    status: z.enum(verificationStatuses),
    verifiedOn: z.string().nullable(),
  }),
});
const clockResponse = clockViewResponse.extend({ subjectId: z.uuid().describe('The exemption the clock belongs to') });

export const wtwParticipantResponse = z.object({
  id: z.uuid(),
  auId: z.uuid(),
  memberId: z.uuid(),
  countyCode: z.string(),
  enrolledOn: z.string(),
  exemptToday: z.boolean(),
  weeklyHoursToday: z.number().int().describe('Hours of the current plan’s activities in effect today'),
  plans: z
    .array(
      z.object({ id: z.uuid(), signedOn: z.string(), status: z.enum(['current', 'superseded']), activities: z.array(activityResponse) }),
    )
    .describe('Newest first'),
  exemptions: z.array(exemptionResponse),
  supportiveServices: z.array(
    z.object({
      id: z.uuid(),
      type: z.enum(supportiveServiceTypes),
      status: z.enum(supportiveServiceStatuses),
      requestedOn: z.string(),
      authorizedOn: z.string().nullable(),
      inPlaceOn: z.string().nullable(),
    }),
  ),
  familyStabilizationReferrals: z.array(
    z.object({
      id: z.uuid(),
      reason: z.enum(familyStabilizationReasons),
      referredOn: z.string(),
      status: z.enum(['referred', 'enrolled', 'declined', 'ended']),
    }),
  ),
  clocks: z.array(clockResponse).describe('The exemptions’ clocks (AB 2300), explained'),
});
schemaMatches<MatchesSchema<ReturnType<typeof wtwParticipantView>, typeof wtwParticipantResponse>>();
