import { z } from 'zod';
import { code, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const escalationRaisedEvent = defineEvent({
  domain: 'notifications',
  name: 'escalation-raised',
  topic: topics.notificationEvents,
  title: 'Escalation raised',
  description: 'A missed deadline was escalated to the next level of the ladder (worker, supervisor, manager).',
  producers: ['notifications'],
  payload: z.object({
    escalationId: id('Escalation'),
    deadlineId: id('Deadline'),
    familyId,
    level: z.number().int().min(1).max(10),
    role: code('Role notified, e.g. cws.supervisor'),
    acknowledgeBy: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `escalation/${p.escalationId}`,
  example: {
    escalationId: '3c2b1a09-8f7e-4d6c-9b5a-493827160f5e',
    deadlineId: 'd0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    level: 2,
    role: 'cws.supervisor',
    acknowledgeBy: '2026-12-08T17:00:00-08:00',
  },
});
