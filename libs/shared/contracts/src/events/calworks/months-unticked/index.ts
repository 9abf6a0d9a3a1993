import { z } from 'zod';
import { calendarDate, calendarMonth, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const monthsUntickedEvent = defineEvent({
  domain: 'calworks',
  name: 'months-unticked',
  topic: topics.calworksWtwEvents,
  title: 'WTW clock months unticked',
  description:
    'Months counted on the participant\'s 24-month WTW time clock during a noncompliance episode no longer count (RULES.md 3, "Untick rule"): more than 60 days passed between starting the compliance process and imposing a sanction, so good cause is found and the months are unticked (ACL 15-99), or good cause was found for them. Since 1.1 it names the Assistance Unit (`auId`), so Linkages attributes it to the shared family without reading `familyId` as the AU (issue 13).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    participantId: id('WTW participant'),
    familyId,
    auId: id('Assistance Unit').optional().describe('The Assistance Unit the fact is about (1.1)'),
    months: z.array(calendarMonth).min(1).describe('The clock months unticked'),
    reason: z
      .enum(['sixty-day-guard', 'good-cause'])
      .describe('sixty-day-guard: day 60 without an imposed sanction (ACL 15-99); good-cause: good cause found for the months'),
    untickedOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    months: ['2026-11', '2026-12', '2027-01'],
    reason: 'sixty-day-guard',
    untickedOn: '2027-01-23',
  },
});
