import { z } from 'zod';
import {
  allegationTypes,
  assessmentTools,
  investigationDispositions,
  responsePriorities,
  screeningDecisions,
} from '@linkages/child-welfare-domain';
import { instant, text } from '../casework.schemas';

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
    decidedAt: instant,
  })
  .refine((b) => b.decision === 'evaluated-out' || b.responsePriority !== undefined, {
    path: ['responsePriority'],
    message: 'is required when the referral is accepted',
  })
  .refine((b) => b.decision !== 'evaluated-out' || b.responsePriority === undefined, {
    path: ['responsePriority'],
    message: 'only applies to accepted referrals',
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
