import { z } from 'zod';
import {
  closeReasons,
  continuanceBases,
  hearingOutcomes,
  hearingTypes,
  openableCaseTypes,
  placementTypes,
} from '@linkages/child-welfare-domain';
import { date, futureDate, instant } from '../casework.schemas';

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

export const casePlanBody = z.strictObject({ filedOn: date });
export const cftMeetingBody = z.strictObject({ heldOn: date });
export const visitBody = z.strictObject({ childId: z.uuid(), visitedOn: date });
export const returnHomeBody = z.strictObject({ childId: z.uuid(), returnedOn: date, trialHomeVisit: z.boolean().default(false) });
export const closeCaseBody = z.strictObject({ closedOn: date, reason: z.enum(closeReasons) });

export type RemovalInput = z.output<typeof removalBody>;
export type OpenCaseInput = z.output<typeof openCaseBody>;
export type PetitionInput = z.output<typeof petitionBody>;
export type HearingInput = z.output<typeof hearingBody>;
export type CasePlanInput = z.output<typeof casePlanBody>;
export type CftMeetingInput = z.output<typeof cftMeetingBody>;
export type VisitInput = z.output<typeof visitBody>;
export type ReturnHomeInput = z.output<typeof returnHomeBody>;
export type CloseCaseInput = z.output<typeof closeCaseBody>;
