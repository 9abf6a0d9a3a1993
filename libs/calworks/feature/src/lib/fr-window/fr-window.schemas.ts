import { z } from 'zod';
import { clockViewResponse } from '@linkages/platform-deadline-tracking';
import { frCloseReasons, frRefusalCodes, frStatuses } from '@linkages/calworks-domain';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { factDate } from '../household/household.schemas';
import type { frRemovalView, frReviewView } from './fr-window.view';

const instantNotFuture = z.iso
  .datetime({ offset: true, error: 'must be an ISO instant with offset' })
  .refine((t) => Date.parse(t) <= Date.now() + 5 * 60_000, 'cannot be in the future (5 minutes of clock skew allowed)');

/** The eligibility worker's confirmation of which AU members the removed children are (LA: "immediately"). */
export const memberConfirmationBody = z.strictObject({
  removedMemberIds: z.array(z.uuid()).min(1).max(20).describe('The AU members who are the removed children'),
  parentMemberId: z.uuid().describe('The AU member in reunification (a parent or caretaker relative of the AU)'),
  parentWtwSanctioned: z.boolean().describe('The parent was WTW-sanctioned at removal (may join FR and AB 429 at once)'),
  exclusions: z
    .strictObject({
      ssiRecipient: z.boolean(),
      undocumentedNoncitizen: z.boolean(),
      fleeingFelon: z.boolean(),
      timeOnAidLimitReached: z.boolean(),
    })
    .describe('AB 429 exclusions (RULES.md 4): any true refuses the services with its reason'),
  confirmedAt: instantNotFuture.optional().describe('When it was confirmed, if recorded later; absent: now'),
});
export type MemberConfirmationInput = z.output<typeof memberConfirmationBody>;

export const matchCaseNumberBody = z.strictObject({ auId: z.uuid().describe('The county’s AU the case number belongs to') });
export type MatchCaseNumberInput = z.output<typeof matchCaseNumberBody>;

/** The eligibility worker completed an AB 429 redetermination (RULES.md 4, "Reporting (AB 429)"). */
export const redeterminationBody = z.strictObject({
  completedOn: factDate.describe('The date the redetermination was completed (California); not before the last one'),
});
export type RedeterminationInput = z.output<typeof redeterminationBody>;

const day = z.string().describe('YYYY-MM-DD (California)');
const clockResponse = clockViewResponse;

export const frRemovalResponse = z.object({
  removalId: z.uuid(),
  familyId: z.uuid(),
  caseId: z.uuid(),
  countyCode: z.string(),
  auId: z.uuid().nullable().describe('Null while the case number is on the review list'),
  status: z.enum(frStatuses),
  allChildrenRemoved: z.boolean(),
  removedAt: z.string(),
  memberConfirmation: z
    .object({
      status: z.enum(['pending', 'confirmed']),
      confirmedAt: z.string().nullable(),
      removedMemberIds: z.array(z.uuid()),
      refusalCode: z.enum(frRefusalCodes).nullable(),
      proposedMemberIds: z
        .array(z.uuid())
        .describe('The AU members Linkages proposes (from its person links): only a proposal, the worker confirms'),
      proposedAt: z.string().nullable().describe('When Linkages proposed them; null before any proposal'),
    })
    .nullable(),
  temporaryAbsence: z.object({ startsOn: day, endsOn: day, ruleId: z.string() }).nullable(),
  recommendation: z.object({ casePlanId: z.uuid(), recommendedOn: day }).nullable(),
  recommendationEscalatedAt: z.string().nullable().describe('The absence month ended without the recommendation'),
  window: z
    .object({
      windowId: z.uuid(),
      program: z.literal('ab135-cash-aid'),
      startsOn: day,
      endsOn: day.describe('Last day of the sixth full calendar month (ACL 25-05)'),
      startExplanation: z.array(z.string()).describe('Which fact set the grant date, and whether its month is prorated'),
      closedOn: day.nullable(),
      closeReason: z.enum(frCloseReasons).nullable(),
    })
    .nullable(),
  ab429: z
    .object({
      serviceId: z.uuid(),
      startsOn: day,
      status: z.enum(['active', 'ended']),
      redeterminationRound: z.number().int(),
      redeterminationDueOn: day,
      endedOn: day.nullable(),
      goodCauseGrantedOn: day.nullable().describe('Child welfare granted good cause to continue the services past their period'),
      goodCauseThrough: day.nullable().describe('The last day the good cause continues them (the services clock moved to it)'),
      lastRedeterminationOn: day.nullable().describe('The last redetermination the eligibility worker completed'),
    })
    .nullable(),
  closeReason: z.enum(frCloseReasons).nullable(),
  closedOn: day.nullable(),
  refusals: z.array(z.object({ code: z.enum(frRefusalCodes), reason: z.string(), at: z.string() })),
  clocks: z.array(clockResponse).describe('The removal’s clocks, each date explained'),
});

export const frReviewResponse = z.object({
  reviewId: z.uuid(),
  caseNumber: z.string().describe('The CalWORKs case number as child welfare recorded it'),
  removalId: z.uuid(),
  familyId: z.uuid(),
  caseId: z.uuid(),
  receivedAt: z.string(),
  status: z.enum(['open', 'matched']),
  matchedAuId: z.uuid().nullable(),
});
export const frReviewListResponse = z.array(frReviewResponse);

schemaMatches<MatchesSchema<ReturnType<typeof frRemovalView>, typeof frRemovalResponse>>();
schemaMatches<MatchesSchema<ReturnType<typeof frReviewView>, typeof frReviewResponse>>();
