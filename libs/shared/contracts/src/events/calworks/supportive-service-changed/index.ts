import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const supportiveServiceChangedEvent = defineEvent({
  domain: 'calworks',
  name: 'supportive-service-changed',
  topic: topics.calworksWtwEvents,
  title: 'WTW supportive service changed',
  description:
    'A Welfare-to-Work supportive service (child care, transportation, behavioral-health, substance-use or domestic-violence services; WIC 11323.2) was requested, authorized, put in place or ended. Linkages uses it to tell whether a required activity has child care and transport (RULES.md 7, coordinated case planning; issue 13, Deliver 5). Type and status only: no provider, no amount.',
  producers: ['calworks'],
  payload: z.object({
    serviceId: id('Supportive service'),
    participantId: id('WTW participant'),
    auId: id('Assistance Unit'),
    familyId: familyId.describe('The Assistance Unit id (CalWORKs events are keyed by the AU)'),
    type: z.enum(['child-care', 'transportation', 'behavioral-health', 'substance-use', 'domestic-violence']),
    status: z.enum(['requested', 'authorized', 'in-place', 'ended']),
    inPlaceOn: calendarDate.optional().describe('Since when the service is in place'),
    changedOn: calendarDate,
  }),
  key: (p) => p.familyId,
  subject: (p) => `supportive-service/${p.serviceId}`,
  example: {
    serviceId: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    familyId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    type: 'child-care',
    status: 'in-place',
    inPlaceOn: '2026-12-07',
    changedOn: '2026-12-04',
  },
});
