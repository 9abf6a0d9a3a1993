import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const parentalRightsTerminatedEvent = defineEvent({
  domain: 'cws',
  name: 'parental-rights-terminated',
  topic: topics.cwsCaseEvents,
  title: 'Parental rights terminated',
  description:
    'At a WIC 366.26 hearing the court terminated parental rights (TPR). Reunification is over: CalWORKs ends FR aid and services for this child (inferred from WIC 11203(b)(3), RULES.md 4; configurable per county). Since 1.1 it names the removal and the CalWORKs case number.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    caseId: id('CWS case'),
    familyId,
    childId: id('Child'),
    terminatedOn: calendarDate,
    removalId: id('Removal').optional().describe('The removal of the child (1.1)'),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}/child/${p.childId}`,
  example: {
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    childId: '7e6d5c4b-3a29-4187-9605-f4e3d2c1b0a9',
    terminatedOn: '2027-09-14',
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
