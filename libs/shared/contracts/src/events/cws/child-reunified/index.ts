import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const childReunifiedEvent = defineEvent({
  domain: 'cws',
  name: 'child-reunified',
  topic: topics.cwsCaseEvents,
  title: 'Child returned home',
  description:
    'A removed child returned home (reunified). Ends the AB 135 aid window of that removal early and calls for a redetermination to regular CalWORKs (RULES.md 4). A trial home visit does not end it. Since 1.1 it names the removal that ended and the CalWORKs case number.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    familyId,
    childId: id('Child'),
    caseId: id('CWS case'),
    returnedOn: calendarDate,
    trialHomeVisit: z.boolean().describe('A trial home visit rather than a final return'),
    removalId: id('Removal').optional().describe('The removal this return ends (1.1)'),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `child/${p.childId}`,
  example: {
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    childId: '7e6d5c4b-3a29-4187-9605-f4e3d2c1b0a9',
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    returnedOn: '2027-05-20',
    trialHomeVisit: false,
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
