import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const redeterminationDueEvent = defineEvent({
  domain: 'calworks',
  name: 'redetermination-due',
  topic: topics.calworksFrAidEvents,
  title: 'Redetermination due',
  description:
    'A CalWORKs eligibility redetermination (RD) is due for a family in reunification (RULES.md 4): the six-monthly AB 429 redetermination, aligned with the reunification-plan review ("Reporting (AB 429)"), or the redetermination to regular CalWORKs after the child returned home ("What ends the window"), which is needed before cash is issued for the returned children.',
  producers: ['calworks'],
  payload: z.object({
    removalId: id('Removal'),
    familyId,
    participantId: id('WTW participant').optional().describe('The parent in reunification, when the RD is theirs'),
    dueOn: calendarDate,
    kind: z.enum(['ab429-redetermination', 'return-home-redetermination']),
  }),
  key: (p) => p.familyId,
  subject: (p) => `removal/${p.removalId}/redetermination/${p.kind}`,
  example: {
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    dueOn: '2027-07-20',
    kind: 'ab429-redetermination',
  },
});
