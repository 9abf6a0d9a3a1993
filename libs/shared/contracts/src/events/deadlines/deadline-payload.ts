import { z } from 'zod';
import { code, familyId, id, instant, serviceName } from '../../lib/common';

/** What every deadline event says: which deadline, under which rule, about whom (pseudonymously), due when. */
export const deadlinePayload = z.object({
  deadlineId: id('Deadline'),
  familyId,
  ruleId: code('Policy registry rule id, e.g. cws.er.response-10-day'),
  citation: z.string().min(1).max(200).describe('The legal source, e.g. WIC 16501(f)'),
  subjectRef: z.string().min(1).max(200).describe('What the deadline is about, e.g. referral/<id>'),
  ownerService: serviceName,
  dueAt: instant,
  explanation: z
    .string()
    .min(1)
    .max(2000)
    .optional()
    .describe('Why it is due on that date: the rule, the start fact and the closed days skipped (v1.1; ids and dates only)'),
});

export const deadlineExample = {
  deadlineId: 'd0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6',
  familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
  ruleId: 'cws.er.response-10-day',
  citation: 'WIC 16501(f)',
  subjectRef: 'referral/5a3c2f7e-0b1d-4c51-9a0e-3f7d2b9c1e41',
  ownerService: 'child-welfare' as const,
  dueAt: '2026-12-07T23:59:59-08:00',
};
