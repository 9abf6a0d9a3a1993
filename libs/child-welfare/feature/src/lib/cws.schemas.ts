import { z } from 'zod';
import { dateOfBirth, ssn } from '@linkages/platform-service';

const text = (max: number) => z.string().trim().min(1).max(max);
// Facts are recorded when they have happened: a date or instant more than a day ahead is a typing error.
const tomorrow = () => new Date(Date.now() + 24 * 3600_000);
const date = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).refine((d) => d <= tomorrow().toISOString().slice(0, 10), 'cannot be in the future');
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant with offset' }).refine((t) => new Date(t) <= tomorrow(), 'cannot be in the future');
/** A date the court set for later (a continuance): may be in the future. */
const futureDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const caseNumber = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes');

export const createFamilyBody = z.strictObject({
  calworksCaseNumber: caseNumber.optional().describe('The family’s CalWORKs case, when known (makes it a Linkages common case)'),
  members: z
    .array(
      z.strictObject({
        role: z.enum(['parent', 'child', 'caregiver']),
        firstName: text(100),
        lastName: text(100),
        dateOfBirth,
        ssn: ssn.optional(),
        icwa: z.boolean().default(false).describe('The Indian Child Welfare Act applies to this child'),
      }),
    )
    .min(1)
    .max(20),
});

/** Allegation categories of the hotline (SDM screening). */
export const allegationTypes = ['physical-abuse', 'sexual-abuse', 'emotional-abuse', 'severe-neglect', 'general-neglect', 'exploitation', 'caretaker-absence', 'at-risk-sibling-abused'] as const;

export const createReferralBody = z.strictObject({
  familyId: z.uuid(),
  receivedAt: instant,
  allegations: z.array(z.strictObject({ type: z.enum(allegationTypes), childId: z.uuid() })).min(1).max(20),
  reporter: z.strictObject({ name: text(200), phone: text(40).optional(), relationship: text(100).optional() }).optional(),
});

export const screeningBody = z
  .strictObject({
    decision: z.enum(['evaluated-out', 'accepted', 'differential-response']),
    responsePriority: z.enum(['immediate', '10-day']).optional().describe('Required when the referral is accepted (investigation or Differential Response)'),
    reason: text(2000).describe('Why: recorded with every screening decision'),
    povertyOnly: z.boolean().describe('AB 2085: the only concern is the family’s poverty (homelessness, lack of food, housing…)'),
    decidedAt: instant,
  })
  .refine((b) => b.decision === 'evaluated-out' || b.responsePriority !== undefined, { path: ['responsePriority'], message: 'is required when the referral is accepted' })
  .refine((b) => b.decision !== 'evaluated-out' || b.responsePriority === undefined, { path: ['responsePriority'], message: 'only applies to accepted referrals' });

export const downgradeBody = z.strictObject({
  reason: text(2000),
  managerApproval: text(200).describe('The manager who approved, as required before contact'),
  approvedAt: instant,
});

export const contactBody = z.strictObject({ madeAt: instant, childId: z.uuid().optional() });
export const assessmentBody = z.strictObject({ tool: z.enum(['sdm-safety', 'sdm-risk']), result: text(200), completedAt: instant });
export const dispositionBody = z.strictObject({ disposition: z.enum(['substantiated', 'inconclusive', 'unfounded']), decidedAt: instant });

export const removalBody = z.strictObject({
  childId: z.uuid(),
  removedAt: instant,
  placementType: z.enum(['relative', 'foster-family', 'resource-family', 'group-home', 'other']),
  siblingGroupPlacedTogether: z.boolean().default(false),
});

export const openCaseBody = z.strictObject({ type: z.enum(['family-maintenance-voluntary', 'family-maintenance-court', 'after-care']), openedOn: date });

export const petitionBody = z.strictObject({ filedAt: instant });

export const hearingTypes = ['detention', 'jurisdiction', 'disposition', 'six-month-review', 'twelve-month-permanency', 'eighteen-month-review', 'twenty-four-month-review', 'family-maintenance-review', 'section-366-26'] as const;
export const hearingBody = z
  .strictObject({
    type: z.enum(hearingTypes),
    heldOn: date,
    outcome: z
      .enum(['held', 'continued', 'detained', 'released', 'jurisdiction-found', 'dismissed', 'family-reunification', 'family-maintenance', 'bypass', 'services-continued', 'services-terminated', 'returned-home', 'parental-rights-terminated', 'guardianship', 'fm-continued', 'fm-terminated'])
      .describe('What the court ordered'),
    continuedTo: futureDate.optional().describe('When the court continued the hearing: the new date (moves the deadline, with the reason)'),
    continuanceBasis: z.enum(['wic-352', 'good-cause', 'parent-request-wic-319']).default('wic-352').describe('Why the court continued: WIC 352 (the child’s interest), good cause, or a parent’s request (WIC 319)'),
  })
  .refine((b) => (b.outcome === 'continued') === (b.continuedTo !== undefined), { path: ['continuedTo'], message: 'is required when, and only when, the outcome is continued' })
  .refine((b) => !b.continuedTo || b.continuedTo > b.heldOn, { path: ['continuedTo'], message: 'must be after heldOn' });

export const casePlanBody = z.strictObject({ filedOn: date });
export const cftMeetingBody = z.strictObject({ heldOn: date });
export const visitBody = z.strictObject({ childId: z.uuid(), visitedOn: date });
export const returnHomeBody = z.strictObject({ childId: z.uuid(), returnedOn: date, trialHomeVisit: z.boolean().default(false) });
export const closeCaseBody = z.strictObject({ closedOn: date, reason: z.enum(['reunified', 'services-completed', 'adoption', 'guardianship', 'emancipation', 'transferred', 'other']) });

export type CreateFamily = z.output<typeof createFamilyBody>;
export type CreateCwsReferral = z.output<typeof createReferralBody>;
export type Screening = z.output<typeof screeningBody>;
export type Hearing = z.output<typeof hearingBody>;
