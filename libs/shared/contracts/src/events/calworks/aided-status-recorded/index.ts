import { z } from 'zod';
import { calendarDate, calworksCaseNumber, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const aidedStatusRecordedEvent = defineEvent({
  domain: 'calworks',
  name: 'aided-status-recorded',
  topic: topics.calworksWtwEvents,
  title: 'Assistance Unit aided status recorded',
  description:
    'The Assistance Unit is an applicant, aided or discontinued from a date on. Linkages places the family in its strategy by it (Prevention for applicants, Intervention for an open CalWORKs case; issue 13, Deliver 3; RULES.md 7). Keyed by the AU (`familyId` is the AU id).',
  producers: ['calworks'],
  payload: z.object({
    auId: id('Assistance Unit'),
    familyId: familyId.describe('The Assistance Unit id (CalWORKs events are keyed by the AU)'),
    caseNumber: calworksCaseNumber.describe('The AU’s CalWORKs case number (agency case number, WIC 10850)'),
    status: z.enum(['applicant', 'aided', 'discontinued']),
    effectiveOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `au/${p.auId}`,
  example: {
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    familyId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    caseNumber: 'CW-2026-004512',
    status: 'aided',
    effectiveOn: '2026-10-01',
  },
});
