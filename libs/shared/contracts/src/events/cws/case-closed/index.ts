import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const caseClosedEvent = defineEvent({
  domain: 'cws',
  name: 'case-closed',
  topic: topics.cwsCaseEvents,
  title: 'CWS case closed',
  description:
    'A child welfare case was closed. CalWORKs closes any FR aid window and AB 429 services still open for the case (RULES.md 4). Since 1.1 it carries the CalWORKs case number.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    caseId: id('CWS case'),
    familyId,
    closedOn: calendarDate,
    reason: z.enum(['reunified', 'services-completed', 'adoption', 'guardianship', 'emancipation', 'transferred', 'other']),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}`,
  example: {
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    closedOn: '2027-09-15',
    reason: 'reunified',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
