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
  description: 'A deadline is past due; the escalation ladder starts or climbs.',
  producers: serviceNames,
  payload: deadlinePayload.extend({
    overdueSince: instant,
    escalationLevel: z.number().int().min(0).max(10),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: { ...deadlineExample, overdueSince: '2026-12-08T00:00:00-08:00', escalationLevel: 1 },
});
