import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const casePlanFiledEvent = defineEvent({
  domain: 'cws',
  name: 'case-plan-filed',
  topic: topics.cwsCaseEvents,
  title: 'Case plan filed',
  description:
    'A CWS case plan (initial or six-monthly update, WIC 16501.1) was completed. CalWORKs aligns the Welfare-to-Work plan with it (Linkages coordinated case planning). The plan itself stays in child welfare.',
  producers: ['child-welfare'],
  payload: z.object({
    casePlanId: id('Case plan'),
    caseId: id('CWS case'),
    familyId,
    kind: z.enum(['initial', 'update']),
    filedOn: calendarDate,
    nextUpdateDue: calendarDate.describe('The next update is due by this date (6 months)'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}/case-plan/${p.casePlanId}`,
  example: {
    casePlanId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    kind: 'initial',
    filedOn: '2027-01-20',
    nextUpdateDue: '2027-07-20',
  },
});
