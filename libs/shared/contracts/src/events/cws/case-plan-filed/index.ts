import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const casePlanFiledEvent = defineEvent({
  domain: 'cws',
  name: 'case-plan-filed',
  topic: topics.cwsCaseEvents,
  title: 'Case plan filed',
  description:
    'A CWS case plan (initial or six-monthly update, WIC 16501.1) was completed. CalWORKs aligns the Welfare-to-Work plan with it (Linkages coordinated case planning). The plan itself stays in child welfare. Since 1.1 it says whether the plan recommends CalWORKs cash aid and child care (the AB 135 condition: the CWS agency finds them necessary for reunification, no court order needed; a plan without the recommendation must be amended first) and WTW / supportive services (AB 429), RULES.md 4 and WIC 11203(b); an `amendment` adds the recommendation to a plan in effect, and for amendments on or after 2025-01-01 the six months start on its date.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    casePlanId: id('Case plan'),
    caseId: id('CWS case'),
    familyId,
    kind: z
      .enum(['initial', 'update', 'amendment'])
      .describe('Initial plan, six-monthly update, or an amendment of the plan in effect (1.1)'),
    filedOn: calendarDate,
    nextUpdateDue: calendarDate.describe('The next update is due by this date (6 months)'),
    recommendsCashAid: z
      .boolean()
      .optional()
      .describe(
        'The plan recommends CalWORKs FR cash aid and child care as necessary for reunification (AB 135, WIC 11203(b)(3)); absent: not stated',
      ),
    recommendsAb429Services: z
      .boolean()
      .optional()
      .describe('The plan says WTW and supportive services are needed for reunification (AB 429); absent: not stated'),
    calworksCaseNumber: calworksCaseNumber.optional(),
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
    recommendsCashAid: true,
    recommendsAb429Services: true,
    calworksCaseNumber: 'CW-2026-004512',
  },
});
