import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const sanctionImposedEvent = defineEvent({
  domain: 'calworks',
  name: 'sanction-imposed',
  topic: topics.calworksWtwEvents,
  title: 'Sanction imposed',
  description: 'A WTW sanction was imposed (NA 817): the participant is removed from the Assistance Unit from the effective date.',
  producers: ['calworks'],
  payload: z.object({
    sanctionId: id('Sanction'),
    episodeId: id('Noncompliance episode'),
    familyId,
    participantId: id('WTW participant'),
    effectiveOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `sanction/${p.sanctionId}`,
  example: {
    sanctionId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    effectiveOn: '2027-01-01',
  },
});
