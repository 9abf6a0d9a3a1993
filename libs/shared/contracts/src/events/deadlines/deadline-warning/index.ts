import { z } from 'zod';
import { serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineWarningEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-warning',
  topic: topics.deadlineEvents,
  title: 'Deadline warning',
  description: 'A reminder stage before a deadline is due.',
  producers: serviceNames,
  payload: deadlinePayload.extend({
    stage: z.number().int().min(1).describe('Which reminder stage (1 = first)'),
    remaining: z.string().regex(/^P/).describe('ISO 8601 duration left until due, e.g. P2D'),
    notify: z.string().min(1).max(100).optional().describe('The role the rule tells at this stage (v1.1), e.g. assigned-worker'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: { ...deadlineExample, stage: 1, remaining: 'P2D' },
});
