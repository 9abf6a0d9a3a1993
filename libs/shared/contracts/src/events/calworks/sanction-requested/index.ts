import { z } from 'zod';
import { calendarDate, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const sanctionRequestedEvent = defineEvent({
  domain: 'calworks',
  name: 'sanction-requested',
  topic: topics.calworksWtwEvents,
  title: 'Sanction requested',
  description:
    'The employment counselor requested a WTW sanction (RULES.md 3, "Sanction request and review"): day 20 of the compliance period ended with neither good cause established nor a WTW 32 compliance plan signed, or a compliance plan failed without good cause (NA 817, no further compliance steps). A CWES supervisor must review it within 1 working day (`reviewDueAt`) and may find good cause instead on the grounds of RULES.md 3. Not yet a sanction: that is sanction-imposed.',
  producers: ['calworks'],
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    participantId: id('WTW participant'),
    familyId,
    auId: id('Assistance Unit'),
    sanctionRequestId: id('Sanction request').optional().describe('The request record the supervisor reviews'),
    requestedOn: calendarDate,
    reason: z
      .enum(['compliance-period-ended', 'compliance-plan-failed'])
      .describe('Day 20 passed with neither good cause nor a compliance plan, or a compliance plan failed without good cause'),
    reviewDueAt: instant.describe('The supervisor review is due by this instant (1 working day, rule calworks.wtw.sanction-review)'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    sanctionRequestId: '2b3c4d5e-6f70-4819-a2b3-c4d5e6f7a8b9',
    requestedOn: '2026-12-15',
    reason: 'compliance-period-ended',
    reviewDueAt: '2026-12-16T23:59:59-08:00',
  },
});
