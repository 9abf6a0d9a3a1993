import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const reunificationServicesTerminatedEvent = defineEvent({
  domain: 'cws',
  name: 'reunification-services-terminated',
  topic: topics.cwsCaseEvents,
  title: 'Reunification services terminated',
  description:
    'The court terminated family reunification services (or ordered none). CalWORKs FR aid depends on them (WIC 11203(b)): the window closes when the county so configures (inferred, RULES.md 4). Since 1.1 it carries the CalWORKs case number.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    familyId,
    caseId: id('CWS case'),
    terminatedOn: calendarDate,
    basis: z.enum(['review-hearing', 'bypass-at-disposition', 'parental-rights-terminated']),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}`,
  example: {
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    terminatedOn: '2027-06-10',
    basis: 'review-hearing',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
