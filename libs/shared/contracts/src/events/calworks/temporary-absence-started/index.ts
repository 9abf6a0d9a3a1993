import { z } from 'zod';
import { calendarDate, calworksCaseNumber, code, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const temporaryAbsenceStartedEvent = defineEvent({
  domain: 'calworks',
  name: 'temporary-absence-started',
  topic: topics.calworksFrAidEvents,
  title: 'Temporary absence started',
  description:
    'All CalWORKs-eligible children of an aided Assistance Unit were removed, so they count as temporarily absent for one full calendar month (RULES.md 4, "Start sequence"; ACL 25-05; LA DPSS 82-812) and stay AU members. When it ends, FR aid applies if a CWS case plan in effect or being developed recommends cash aid (AB 135, WIC 11203(b)); child welfare\'s recommendation is awaited until `endsOn`.',
  producers: ['calworks'],
  payload: z.object({
    removalId: id('Removal'),
    familyId,
    auId: id('Assistance Unit'),
    calworksCaseNumber: calworksCaseNumber.optional().describe("The AU's CalWORKs case number"),
    startsOn: calendarDate,
    endsOn: calendarDate.describe('Last day of the one full calendar month of temporary absence'),
    ruleId: code('Rule record that set endsOn, e.g. calworks.fr.temporary-absence'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `removal/${p.removalId}`,
  example: {
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    calworksCaseNumber: 'CW-2026-004512',
    startsOn: '2026-11-30',
    endsOn: '2026-12-31',
    ruleId: 'calworks.fr.temporary-absence',
  },
});
