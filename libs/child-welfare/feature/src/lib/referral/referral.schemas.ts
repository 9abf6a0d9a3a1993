import { z } from 'zod';
import {
  allegationTypes,
  assessmentTools,
  investigationDispositions,
  responsePriorities,
  screeningDecisions,
} from '@linkages/child-welfare-domain';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { clockResponse, instant, text } from '../casework.schemas';
import type { referralView } from '../views/referral.view';
import type { RecordAssessment } from './record-assessment.command';

export const createReferralBody = z.strictObject({
  familyId: z.uuid(),
  receivedAt: instant,
  allegations: z
    .array(z.strictObject({ type: z.enum(allegationTypes), childId: z.uuid() }))
    .min(1)
    .max(20),
  reporter: z.strictObject({ name: text(200), phone: text(40).optional(), relationship: text(100).optional() }).optional(),
});

export const screeningBody = z
  .strictObject({
    decision: z.enum(screeningDecisions),
    responsePriority: z
      .enum(responsePriorities)
      .optional()
      .describe('Required when the referral is accepted (investigation or Differential Response)'),
    reason: text(2000).describe('Why: recorded with every screening decision'),
    povertyOnly: z.boolean().describe('AB 2085: the only concern is the family’s poverty (homelessness, lack of food, housing…)'),
    referToServices: z
      .boolean()
      .default(false)
      .describe('Evaluated out only: the screener refers the family to community or CalWORKs services (shared with Linkages)'),
    familyConsents: z
      .boolean()
      .default(false)
      .describe('Evaluated out only: the family consents to a referral to CalWORKs / Linkages (shared with Linkages)'),
    decidedAt: instant,
  })
  .refine((b) => b.decision === 'evaluated-out' || b.responsePriority !== undefined, {
    path: ['responsePriority'],
    message: 'is required when the referral is accepted',
  })
  .refine((b) => b.decision !== 'evaluated-out' || b.responsePriority === undefined, {
    path: ['responsePriority'],
    message: 'only applies to accepted referrals',
  })
  .refine((b) => b.decision === 'evaluated-out' || !b.referToServices, {
    path: ['referToServices'],
    message: 'only applies to a referral evaluated out',
  })
  .refine((b) => b.decision === 'evaluated-out' || !b.familyConsents, {
    path: ['familyConsents'],
    message: 'only applies to a referral evaluated out',
  });

export const downgradeBody = z.strictObject({
  reason: text(2000),
  managerApproval: text(200).describe('The manager who approved, as required before contact'),
  approvedAt: instant,
});

export const contactBody = z.strictObject({ madeAt: instant, childId: z.uuid().optional() });
export const assessmentBody = z.strictObject({ tool: z.enum(assessmentTools), result: text(200), completedAt: instant });
export const dispositionBody = z.strictObject({ disposition: z.enum(investigationDispositions), decidedAt: instant });

export type CreateReferralInput = z.output<typeof createReferralBody>;
export type ScreeningInput = z.output<typeof screeningBody>;
export type DowngradeInput = z.output<typeof downgradeBody>;
export type ContactInput = z.output<typeof contactBody>;
export type AssessmentInput = z.output<typeof assessmentBody>;
export type DispositionInput = z.output<typeof dispositionBody>;

export const referralResponse = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  countyCode: z.string(),
  status: z.enum(['received', 'evaluated-out', 'accepted', 'closed']),
  receivedAt: z.string(),
  allegations: z.array(z.object({ type: z.string().describe('An allegation type (see the request)'), childId: z.uuid() })),
  reporter: z.object({ name: z.string(), phone: z.string().optional(), relationship: z.string().optional() }).nullable(),
  screening: z
    .object({
      decision: z.enum(screeningDecisions),
      reason: z.string().nullable(),
      povertyOnly: z.boolean(),
      decidedAt: z.string().optional(),
      decidedBy: z.string().nullable(),
    })
    .nullable(),
  responsePriority: z.enum(responsePriorities).nullable(),
  downgrade: z.object({ by: z.string(), managerApproval: z.string(), reason: z.string(), at: z.string() }).nullable(),
  firstContactAt: z.string().nullable(),
  disposition: z.enum(investigationDispositions).nullable(),
  dispositionAt: z.string().nullable(),
});
export const referralWithDeadlinesResponse = referralResponse.extend({
  deadlines: z.array(clockResponse).describe('The emergency-response clocks, each with why it is due then'),
});
export const assessmentResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  tool: z.enum(assessmentTools),
  result: z.string(),
  completedAt: z.string(),
});

schemaMatches<MatchesSchema<ReturnType<typeof referralView>, typeof referralResponse>>();
schemaMatches<MatchesSchema<Awaited<ReturnType<RecordAssessment['execute']>>, typeof assessmentResponse>>();
