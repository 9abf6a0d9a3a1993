import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const frServicesGoodCauseGrantedEvent = defineEvent({
  domain: 'cws',
  name: 'fr-services-good-cause-granted',
  topic: topics.cwsCaseEvents,
  title: 'Good cause granted to continue FR services',
  description:
    'Child welfare granted good cause for the parent\'s Family Reunification services (Welfare-to-Work and supportive services, AB 429) to continue past the six-month period, until `continuesThrough` (RULES.md 4, "Services beyond 6 months", "AB 429 services-only FR": ACL 25-05, ACL 02-36). Cash aid is not extended: the AB 135 window has no extension. CalWORKs continues the services of the case\'s open removals; how far past the period a county allows is its setting.',
  producers: ['child-welfare'],
  payload: z.object({
    familyId,
    caseId: id('CWS case'),
    grantedOn: calendarDate,
    continuesThrough: calendarDate.describe('The last day the FR services continue on this good cause'),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `case/${p.caseId}`,
  example: {
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    grantedOn: '2027-06-25',
    continuesThrough: '2027-12-31',
    calworksCaseNumber: 'CW-2026-004512',
  },
});
