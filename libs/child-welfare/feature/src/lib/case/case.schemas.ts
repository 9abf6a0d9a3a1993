import { z } from 'zod';
import {
  closeReasons,
  continuanceBases,
  hearingOutcomes,
  hearingTypes,
  openableCaseTypes,
  placementTypes,
} from '@linkages/child-welfare-domain';
import { fieldClasses } from '@linkages/platform-access';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { date, futureDate, instant } from '../casework.schemas';
import type { CaseView } from '../views/case.view';
import type { CaseSummaryQuery } from './case-summary.query';
import type { FileCasePlan } from './file-case-plan.command';
import type { GrantFrServicesGoodCause } from './grant-fr-services-good-cause.command';
import type { RecordCftMeeting } from './record-cft-meeting.command';
import type { RecordRemoval } from './record-removal.command';
import type { RecordVisit } from './record-visit.command';

export const removalBody = z.strictObject({
  childId: z.uuid(),
  removedAt: instant,
  placementType: z.enum(placementTypes),
  siblingGroupPlacedTogether: z.boolean().default(false),
});

export const openCaseBody = z.strictObject({ type: z.enum(openableCaseTypes), openedOn: date });

export const petitionBody = z.strictObject({ filedAt: instant });

export const hearingBody = z
  .strictObject({
    type: z.enum(hearingTypes),
    heldOn: date,
    outcome: z.enum(hearingOutcomes).describe('What the court ordered'),
    continuedTo: futureDate.optional().describe('When the court continued the hearing: the new date (moves the deadline, with the reason)'),
    continuanceBasis: z
      .enum(continuanceBases)
      .default('wic-352')
      .describe('Why the court continued: WIC 352 (the child’s interest), good cause, or a parent’s request (WIC 319)'),
  })
  .refine((b) => (b.outcome === 'continued') === (b.continuedTo !== undefined), {
    path: ['continuedTo'],
    message: 'is required when, and only when, the outcome is continued',
  })
  .refine((b) => !b.continuedTo || b.continuedTo > b.heldOn, { path: ['continuedTo'], message: 'must be after heldOn' });

export const casePlanBody = z.strictObject({
  filedOn: date,
  recommendsCashAid: z
    .boolean()
    .optional()
    .describe('The plan recommends CalWORKs FR cash aid and child care as necessary for reunification (AB 135, WIC 11203(b)(3))'),
  recommendsAb429Services: z
    .boolean()
    .optional()
    .describe('The plan says Welfare-to-Work and supportive services are needed for reunification (AB 429)'),
  amendment: z
    .boolean()
    .default(false)
    .describe('An amendment of the plan in effect (e.g. to add the AB 135 recommendation): it meets and opens no clock'),
});
export const cftMeetingBody = z.strictObject({
  heldOn: date,
  calworksWorkerInvited: z
    .boolean()
    .default(false)
    .describe('The family’s CalWORKs worker was invited (Linkages: counts as the joint case-planning meeting)'),
});
export const visitBody = z.strictObject({ childId: z.uuid(), visitedOn: date });
export const returnHomeBody = z.strictObject({ childId: z.uuid(), returnedOn: date, trialHomeVisit: z.boolean().default(false) });
export const closeCaseBody = z.strictObject({ closedOn: date, reason: z.enum(closeReasons) });
export const frServicesGoodCauseBody = z.strictObject({
  grantedOn: date.describe('When CWS granted the good cause'),
  continuesThrough: futureDate.describe('The last day the FR services (WTW / supportive) continue on this good cause: after grantedOn'),
});

export type RemovalInput = z.output<typeof removalBody>;
export type OpenCaseInput = z.output<typeof openCaseBody>;
export type PetitionInput = z.output<typeof petitionBody>;
export type HearingInput = z.output<typeof hearingBody>;
export type CasePlanInput = z.output<typeof casePlanBody>;
export type CftMeetingInput = z.output<typeof cftMeetingBody>;
export type VisitInput = z.output<typeof visitBody>;
export type ReturnHomeInput = z.output<typeof returnHomeBody>;
export type CloseCaseInput = z.output<typeof closeCaseBody>;
export type FrServicesGoodCauseInput = z.output<typeof frServicesGoodCauseBody>;

const removalOfCase = z.object({
  removalId: z.uuid(),
  childId: z.uuid(),
  removedAt: z.string(),
  placementType: z.enum(placementTypes),
  returnedOn: z.string().nullable(),
  parentalRightsTerminatedOn: z.string().nullable(),
});
export const caseResponse = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  referralId: z.uuid().nullable(),
  countyCode: z.string(),
  type: z.enum(['emergency-response', 'family-maintenance-court', 'family-maintenance-voluntary', 'family-reunification', 'after-care']),
  status: z.enum(['open', 'closed']),
  openedOn: z.string(),
  detained: z.boolean().describe('A child of the case is detained (removed, awaiting the court)'),
  petitionFiledOn: z.string().nullable(),
  jurisdictionOn: z.string().nullable(),
  dispositionOn: z.string().nullable(),
  dispositionOutcome: z.enum(['family-reunification', 'family-maintenance', 'bypass', 'dismissed']).nullable(),
  enteredFosterCareOn: z.string().nullable(),
  servicesMonths: z.number().int().nullable(),
  servicesTerminatedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closeReason: z.string().nullable(),
  removals: z.array(removalOfCase),
});
/** The fields the reader's agency may see (redacted by class; CalWORKs never sees the placement) and why. */
export const caseSummaryResponse = caseResponse.partial().extend({
  removals: z.array(removalOfCase.partial()).optional(),
  disclosure: z.object({
    basis: z.enum(['own-agency', 'wic-10850', 'consent', 'mdt', 'linkages-matching']).optional(),
    citation: z.string().optional(),
    classes: z.array(z.enum(fieldClasses)).describe('The field classes disclosed'),
  }),
});
export const removalResponse = z.object({
  removalId: z.uuid(),
  caseId: z.uuid().describe('The emergency-response case the removal opened (or the referral’s open case)'),
  childId: z.uuid(),
  removedAt: z.string(),
  placementType: z.enum(placementTypes),
});
export const casePlanResponse = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: z.enum(['initial', 'update', 'amendment']),
  filedOn: z.string(),
  recommendsCashAid: z.boolean().nullable(),
  recommendsAb429Services: z.boolean().nullable(),
  nextUpdateDue: z.string().nullable().describe('When the next case plan update is due'),
});
export const cftMeetingResponse = z.object({ id: z.uuid(), caseId: z.uuid(), heldOn: z.string() });
export const visitResponse = z.object({ id: z.uuid(), caseId: z.uuid(), childId: z.uuid(), visitedOn: z.string() });
export const frServicesGoodCauseResponse = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  grantedOn: z.string(),
  continuesThrough: z.string().describe('The last day the FR services continue on this good cause'),
});

type Returned<U extends { execute: (...args: never[]) => unknown }> = Awaited<ReturnType<U['execute']>>;
schemaMatches<MatchesSchema<CaseView, typeof caseResponse>>();
schemaMatches<MatchesSchema<Returned<CaseSummaryQuery>, typeof caseSummaryResponse>>();
schemaMatches<MatchesSchema<Returned<RecordRemoval>, typeof removalResponse>>();
schemaMatches<MatchesSchema<Returned<FileCasePlan>, typeof casePlanResponse>>();
schemaMatches<MatchesSchema<Returned<RecordCftMeeting>, typeof cftMeetingResponse>>();
schemaMatches<MatchesSchema<Returned<RecordVisit>, typeof visitResponse>>();
schemaMatches<MatchesSchema<Returned<GrantFrServicesGoodCause>, typeof frServicesGoodCauseResponse>>();
