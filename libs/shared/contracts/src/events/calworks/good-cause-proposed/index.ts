import { z } from 'zod';
import { calendarDate, code, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const goodCauseProposedEvent = defineEvent({
  domain: 'calworks',
  name: 'good-cause-proposed',
  topic: topics.calworksWtwEvents,
  title: 'Good cause proposed',
  description:
    'Good cause is proposed for a noncompliance episode because the WTW activity conflicts with the participant\'s child welfare case-plan activities (Linkages coordinated case planning). Only a proposal: the cause determination stays with the employment counselor within the 20-day compliance period (RULES.md 3, "Cause determination"), never made automatically; if found, good-cause-found follows. Since 1.1 it names the Assistance Unit (`auId`), so Linkages attributes it to the shared family without reading `familyId` as the AU (issue 13).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    participantId: id('WTW participant'),
    familyId,
    auId: id('Assistance Unit').optional().describe('The Assistance Unit the fact is about (1.1)'),
    ground: code('Proposed good-cause ground (WTW 26 list)'),
    proposedBecause: z.enum(['cws-case-plan-activity-conflict']),
    decisionBy: z.enum(['employment-counselor']).describe('Who decides: the WTW employment counselor (RULES.md 3)'),
    proposedOn: calendarDate,
    casePlanId: id('CWS case plan whose activity conflicts').optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    ground: 'court-ordered-activity-conflict',
    proposedBecause: 'cws-case-plan-activity-conflict',
    decisionBy: 'employment-counselor',
    proposedOn: '2026-11-26',
    casePlanId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  },
});
