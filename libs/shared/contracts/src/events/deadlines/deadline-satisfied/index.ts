import { z } from 'zod';
import { id, instant, serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineSatisfiedEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-satisfied',
  topic: topics.deadlineEvents,
  title: 'Deadline satisfied',
  description: 'The action the deadline required happened.',
  producers: serviceNames,
  payload: deadlinePayload.extend({
    satisfiedAt: instant,
    satisfiedBy: id('Staff member or system actor'),
    late: z.boolean(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: {
    ...deadlineExample,
    satisfiedAt: '2026-12-04T11:30:00-08:00',
    satisfiedBy: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b',
    late: false,
  },
});
