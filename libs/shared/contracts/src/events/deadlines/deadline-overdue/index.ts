import { z } from 'zod';
import { instant, serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineOverdueEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-overdue',
  topic: topics.deadlineEvents,
  title: 'Deadline overdue',
  description:
    'A deadline is past due. From v1.1 the clock publishes it once (escalationLevel 0) with the rule’s ladder in `escalation`, and notifications runs the ladder; a clock started before carries no `escalation` and publishes each level it raises itself.',
  producers: serviceNames,
  payload: deadlinePayload.extend({
    overdueSince: instant,
    escalationLevel: z.number().int().min(0).max(10),
    escalation: z
      .object({
        ownedBy: z.literal('notifications'),
        ladder: z
          .array(
            z.object({
              level: z.number().int().min(1).max(10),
              role: z.string().min(1).max(100),
              acknowledgeWithin: z.string().regex(/^P/),
              repeat: z.object({ every: z.string().regex(/^P/), max: z.number().int().min(1).max(50) }).optional(),
            }),
          )
          .min(1)
          .max(10),
        policy: z.object({
          windows: z.enum(['clock-hours', 'business-hours']),
          businessHours: z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) }),
          legallyUrgent: z.boolean(),
          acknowledgmentExpiry: z.string().regex(/^P/),
        }),
      })
      .optional()
      .describe('v1.1: the rule’s escalation ladder and policy, handed to notifications, which freezes it into the escalation'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: { ...deadlineExample, overdueSince: '2026-12-08T00:00:00-08:00', escalationLevel: 1 },
});
