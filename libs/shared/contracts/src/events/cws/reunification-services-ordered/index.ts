import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const reunificationServicesOrderedEvent = defineEvent({
  domain: 'cws',
  name: 'reunification-services-ordered',
  topic: topics.cwsCaseEvents,
  title: 'Family reunification services ordered',
  description:
    'At disposition the court ordered family reunification services. For CalWORKs this is the basis of AB 429 services and the AB 135 FR cash-aid window; the review dates let the CalWORKs redetermination follow the reunification reviews (RULES.md 4). Since 1.1 it carries the CalWORKs case number.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    caseId: id('CWS case'),
    familyId,
    orderedOn: calendarDate,
    enteredFosterCareOn: calendarDate.describe('Earlier of the jurisdiction hearing or 60 days after removal (WIC 361.49)'),
    servicesMonths: z
      .union([z.literal(6), z.literal(12)])
      .describe('6 for a child under 3 at removal or a sibling group placed together (WIC 361.5(a)(1)(B),(C)), else 12'),
    sixMonthReviewBy: calendarDate,
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}`,
  example: {
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    orderedOn: '2027-01-08',
    enteredFosterCareOn: '2026-12-16',
    servicesMonths: 6,
    sixMonthReviewBy: '2027-06-16',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
