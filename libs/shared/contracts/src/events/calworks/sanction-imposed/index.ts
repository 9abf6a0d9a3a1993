import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const sanctionImposedEvent = defineEvent({
  domain: 'calworks',
  name: 'sanction-imposed',
  topic: topics.calworksWtwEvents,
  title: 'Sanction imposed',
  description:
    'A WTW sanction was imposed (NA 817): the participant is removed from the Assistance Unit from the effective date. Since 1.1 it names the Assistance Unit (`auId`), so Linkages attributes it to the shared family without reading `familyId` as the AU (issue 13).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    sanctionId: id('Sanction'),
    episodeId: id('Noncompliance episode'),
    familyId,
    auId: id('Assistance Unit').optional().describe('The Assistance Unit the fact is about (1.1)'),
    participantId: id('WTW participant'),
    effectiveOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `sanction/${p.sanctionId}`,
  example: {
    sanctionId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    effectiveOn: '2027-01-01',
  },
});
