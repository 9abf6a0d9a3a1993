import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const caseOpenedEvent = defineEvent({
  domain: 'cws',
  name: 'case-opened',
  topic: topics.cwsCaseEvents,
  title: 'CWS case opened',
  description:
    "A child welfare case was opened for the family. For a family CalWORKs aids (found by the CalWORKs case number, since 1.1) it flags the parents' Welfare-to-Work episodes for Linkages coordination (RULES.md 7).",
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    caseId: id('CWS case'),
    familyId,
    caseType: z.enum([
      'emergency-response',
      'family-maintenance-court',
      'family-maintenance-voluntary',
      'family-reunification',
      'after-care',
    ]),
    openedOn: calendarDate,
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}`,
  example: {
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    caseType: 'family-reunification',
    openedOn: '2026-12-01',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
