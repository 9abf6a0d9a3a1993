import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const compliancePlanSignedEvent = defineEvent({
  domain: 'calworks',
  name: 'compliance-plan-signed',
  topic: topics.calworksWtwEvents,
  title: 'Compliance plan signed',
  description:
    'The participant signed a WTW 32 compliance plan within the compliance period. Since 1.1 it names the Assistance Unit (`auId`), so Linkages attributes it to the shared family without reading `familyId` as the AU (issue 13).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    familyId,
    auId: id('Assistance Unit').optional().describe('The Assistance Unit the fact is about (1.1)'),
    signedOn: calendarDate,
    planEndsOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    signedOn: '2026-12-08',
    planEndsOn: '2027-01-08',
  },
});
