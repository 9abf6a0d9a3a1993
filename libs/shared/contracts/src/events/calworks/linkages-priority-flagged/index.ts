import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const linkagesPriorityFlaggedEvent = defineEvent({
  domain: 'calworks',
  name: 'linkages-priority-flagged',
  topic: topics.calworksWtwEvents,
  title: 'Linkages priority flagged',
  description:
    'A WTW participant (and their noncompliance episode, when there is one) is in a family child welfare knows: a referral accepted for a family known to CalWORKs, a case opened, or a child removed. The episode is flagged for Linkages coordination (RULES.md 7: coordinated case planning, LA "immediately" on removal) so Linkages coordination and notifications can act on it. A flag, not a decision: nothing about aid changes.',
  producers: ['calworks'],
  payload: z.object({
    episodeId: id('Noncompliance episode').optional().describe('The open noncompliance episode, when there is one'),
    participantId: id('WTW participant'),
    familyId,
    auId: id('Assistance Unit'),
    because: z.enum(['referral-accepted', 'case-opened', 'child-removed']).describe('The child welfare event that made the family known'),
    sourceEventId: id('CloudEvent id of that child welfare event'),
    flaggedOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => (p.episodeId ? `episode/${p.episodeId}` : `participant/${p.participantId}`),
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    because: 'child-removed',
    sourceEventId: '6f1c2d3e-4b5a-4968-8778-695a4b3c2d1e',
    flaggedOn: '2026-11-30',
  },
});
