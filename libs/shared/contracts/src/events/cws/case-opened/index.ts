import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const caseOpenedEvent = defineEvent({
  domain: 'cws',
  name: 'case-opened',
  topic: topics.cwsCaseEvents,
  title: 'CWS case opened',
  description: 'A child welfare case was opened for the family.',
  producers: ['child-welfare'],
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
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}`,
  example: {
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    caseType: 'family-reunification',
    openedOn: '2026-12-01',
  },
});
