import { z } from 'zod';
import { code, id, instant, serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineExtendedEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-extended',
  topic: topics.deadlineEvents,
  title: 'Deadline extended',
  description:
    'A deadline was extended or moved (continuance, new order, extension with a reason code). `direction: earlier` means the date was moved earlier (a hearing that came first), which is not an extension.',
  producers: serviceNames,
  payload: deadlinePayload.extend({
    previousDueAt: instant,
    reasonCode: code('Extension reason code from the rule record'),
    extendedBy: id('Staff member'),
    direction: z
      .enum(['later', 'earlier'])
      .optional()
      .describe(
        'Which way the due date moved: later (an extension or continuance) or earlier (not an extension); absent in events published before it existed',
      ),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: {
    ...deadlineExample,
    previousDueAt: '2026-12-07T23:59:59-08:00',
    dueAt: '2026-12-14T23:59:59-08:00',
    reasonCode: 'continuance-good-cause',
    extendedBy: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b',
    direction: 'later',
  },
});
