import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const sanctionCuredEvent = defineEvent({
  domain: 'calworks',
  name: 'sanction-cured',
  topic: topics.calworksWtwEvents,
  title: 'Sanction cured',
  description:
    'A sanction was cured; aid is restored from the given date. Since 1.1 it names the Assistance Unit (`auId`), so Linkages attributes it to the shared family without reading `familyId` as the AU (issue 13).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    sanctionId: id('Sanction'),
    familyId,
    auId: id('Assistance Unit').optional().describe('The Assistance Unit the fact is about (1.1)'),
    curedOn: calendarDate,
    aidRestoredOn: calendarDate,
    how: z.enum(['cure-plan-completed', 'automatic-participation-rate', 'family-stabilization-plan', 'good-cause-on-review']),
  }),
  key: (p) => p.familyId,
  subject: (p) => `sanction/${p.sanctionId}`,
  example: {
    sanctionId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    curedOn: '2027-02-14',
    aidRestoredOn: '2027-03-01',
    how: 'cure-plan-completed',
  },
});
