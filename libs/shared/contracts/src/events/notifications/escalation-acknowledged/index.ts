import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const escalationAcknowledgedEvent = defineEvent({
  domain: 'notifications',
  name: 'escalation-acknowledged',
  topic: topics.notificationEvents,
  title: 'Escalation acknowledged',
  description: 'Someone at the escalation level acknowledged it; the ladder stops climbing.',
  producers: ['notifications'],
  payload: z.object({
    escalationId: id('Escalation'),
    deadlineId: id('Deadline'),
    familyId,
    level: z.number().int().min(1).max(10),
    acknowledgedAt: instant,
    acknowledgedBy: id('Staff member'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `escalation/${p.escalationId}`,
  example: {
    escalationId: '3c2b1a09-8f7e-4d6c-9b5a-493827160f5e',
    deadlineId: 'd0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    level: 2,
    acknowledgedAt: '2026-12-08T10:12:00-08:00',
    acknowledgedBy: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b',
  },
});
