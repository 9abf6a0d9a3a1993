import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const sanctionCuredEvent = defineEvent({
  domain: 'calworks',
  name: 'sanction-cured',
  topic: topics.calworksWtwEvents,
  title: 'Sanction cured',
  description: 'A sanction was cured; aid is restored from the given date.',
  producers: ['calworks'],
  payload: z.object({
    sanctionId: id('Sanction'),
    familyId,
    curedOn: calendarDate,
    aidRestoredOn: calendarDate,
    how: z.enum(['cure-plan-completed', 'automatic-participation-rate', 'family-stabilization-plan', 'good-cause-on-review']),
  }),
  key: (p) => p.familyId,
  subject: (p) => `sanction/${p.sanctionId}`,
  example: {
    sanctionId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    curedOn: '2027-02-14',
    aidRestoredOn: '2027-03-01',
    how: 'cure-plan-completed',
  },
});
