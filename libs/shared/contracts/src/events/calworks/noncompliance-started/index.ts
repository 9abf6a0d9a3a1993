import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const noncomplianceStartedEvent = defineEvent({
  domain: 'calworks',
  name: 'noncompliance-started',
  topic: topics.calworksWtwEvents,
  title: 'WTW noncompliance started',
  description:
    'A Welfare-to-Work noncompliance episode began: the NA 840/845 notice was issued and the 20-day compliance period runs from the next day. Since 1.1 it names the Assistance Unit (`auId`), so Linkages attributes it to the shared family without reading `familyId` as the AU (issue 13).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    familyId,
    auId: id('Assistance Unit').optional().describe('The Assistance Unit the fact is about (1.1)'),
    participantId: id('WTW participant'),
    noticeForm: z.enum(['NA 840', 'NA 845']),
    noticeIssuedOn: calendarDate,
    reason: z.enum(['plan-not-signed', 'activity-not-attended', 'insufficient-progress', 'employment-refused-or-left']),
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    noticeForm: 'NA 840',
    noticeIssuedOn: '2026-11-24',
    reason: 'activity-not-attended',
  },
});
