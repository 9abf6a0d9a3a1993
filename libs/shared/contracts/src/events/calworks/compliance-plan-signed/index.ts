import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const compliancePlanSignedEvent = defineEvent({
  domain: 'calworks',
  name: 'compliance-plan-signed',
  topic: topics.calworksWtwEvents,
  title: 'Compliance plan signed',
  description: 'The participant signed a WTW 32 compliance plan within the compliance period.',
  producers: ['calworks'],
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    familyId,
    signedOn: calendarDate,
    planEndsOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    signedOn: '2026-12-08',
    planEndsOn: '2027-01-08',
  },
});
