import { z } from 'zod';
import { clockViewResponse } from '@linkages/platform-deadline-tracking';
import {
  goodCauseGrounds,
  linkagesSources,
  noncomplianceReasons,
  noticeForms,
  supervisorGoodCauseGrounds,
} from '@linkages/calworks-domain';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { factDate, plannedDate } from '../household/household.schemas';
import type { episodeView } from './sanction.view';

export const openEpisodeBody = z.strictObject({
  noticeForm: z.enum(noticeForms).describe('NA 840 (mandatory participant) or NA 845 (second parent)'),
  noticeIssuedOn: factDate.describe('Day 1 of the 20-day compliance period is the day after'),
  reason: z.enum(noncomplianceReasons),
});
export type OpenEpisodeInput = z.output<typeof openEpisodeBody>;

export const goodCauseBody = z.strictObject({
  ground: z
    .string()
    .min(1)
    .max(80)
    .describe(`One of ${goodCauseGrounds.join(', ')}; any other ground is refused (409)`),
  determinedOn: factDate,
});
export const compliancePlanBody = z.strictObject({ signedOn: factDate, planEndsOn: plannedDate });
export const planOutcomeBody = z.strictObject({
  outcome: z.enum(['completed', 'failed']),
  on: factDate,
  goodCauseGround: z.string().min(1).max(80).optional().describe('A failed plan with good cause; without, a sanction request (NA 817)'),
});
export const supervisorReviewBody = z.strictObject({
  decision: z.enum(['sanction', 'good-cause']),
  ground: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .describe(`Good cause instead of the sanction: one of ${supervisorGoodCauseGrounds.join(', ')}`),
  reviewedOn: factDate,
});
export const cureRequestBody = z.strictObject({
  contactOn: factDate,
  childCareNeeded: z.boolean().describe('SB 80: child care must be in place before any cure activity is required'),
});
export const curePlanBody = z.strictObject({ signedOn: factDate });
export const childCareBody = z.strictObject({ on: factDate });
export const childCareExtensionBody = z.strictObject({ requestedOn: factDate });
export const cureCompletedBody = z.strictObject({ completedOn: factDate });
export const stateHearingBody = z.strictObject({ requestedOn: factDate });
export const hearingDecisionBody = z.strictObject({ decidedOn: factDate, outcome: z.enum(['sustained', 'reversed']) });

const day = z.string().describe('YYYY-MM-DD (California)');
const clockResponse = clockViewResponse;

export const episodeResponse = z.object({
  episodeId: z.uuid(),
  participantId: z.uuid(),
  auId: z.uuid(),
  countyCode: z.string(),
  noticeForm: z.enum(noticeForms),
  noticeIssuedOn: day,
  reason: z.enum(noncomplianceReasons),
  status: z.enum(['compliance-period', 'compliance-plan', 'sanction-requested', 'sanctioned', 'resolved']),
  compliancePeriod: z.object({ endsOn: day.nullable(), explanation: z.string() }).describe('Day 20 (ACL 03-59), explained'),
  goodCause: z.object({ ground: z.string(), phase: z.string(), determinedOn: day }).nullable(),
  compliancePlan: z
    .object({ signedOn: day, planEndsOn: day, outcome: z.enum(['completed', 'failed']).nullable(), outcomeOn: day.nullable() })
    .nullable(),
  sanctionRequest: z
    .object({
      requestedOn: day,
      basis: z.enum(['compliance-period-ended', 'compliance-plan-failed']),
      notice: z.string(),
      reviewDueAt: z.string(),
      escalationLevel: z.number().int().describe('Highest escalation level of the supervisor review clock (0: none)'),
      review: z.object({ decision: z.enum(['sanction', 'good-cause']), ground: z.string().nullable(), reviewedOn: day }).nullable(),
    })
    .nullable(),
  sanction: z
    .object({
      sanctionId: z.uuid(),
      imposedOn: day,
      effectiveOn: day,
      effectiveExplanation: z.string().describe('The 20-day period and the 10-day timely notice, chained (computeDue)'),
      status: z.enum(['imposed', 'lifted', 'cured', 'reversed']),
      curedOn: day.nullable(),
      aidRestoredOn: day.nullable(),
      aidRestorationExplanation: z.string().nullable(),
      hearing: z
        .object({ requestedOn: day, aidPaidPending: z.boolean(), lastDay: day, outcome: z.enum(['sustained', 'reversed']).nullable() })
        .nullable(),
    })
    .nullable(),
  cures: z.array(
    z.object({
      n: z.number().int(),
      contactOn: day,
      childCare: z.enum(['not-needed', 'arranging', 'in-place']),
      planSignedOn: day.nullable(),
      activityStartedOn: day.nullable(),
      completedOn: day.nullable(),
      ended: z.enum(['completed', 'activity-time-ended']).nullable(),
    }),
  ),
  linkages: z.object({ source: z.enum(linkagesSources), flaggedOn: day, goodCauseProposedOn: day.nullable() }).nullable(),
  resolution: z.object({ kind: z.string(), on: day }).nullable(),
  clocks: z.array(clockResponse).describe('The episode’s clocks, explained'),
});
export const episodeListResponse = z.array(
  z.object({
    episodeId: z.uuid(),
    noticeForm: z.enum(noticeForms),
    noticeIssuedOn: day,
    status: z.string(),
    resolution: z.string().nullable(),
  }),
);
schemaMatches<MatchesSchema<ReturnType<typeof episodeView>, typeof episodeResponse>>();
