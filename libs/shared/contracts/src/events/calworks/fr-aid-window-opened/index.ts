import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const frAidWindowOpenedEvent = defineEvent({
  domain: 'calworks',
  name: 'fr-aid-window-opened',
  topic: topics.calworksFrAidEvents,
  title: 'FR aid window opened',
  description: 'An AB 135 Family Reunification cash aid and child care window (or an AB 429 services-only window) opened.',
  producers: ['calworks'],
  payload: z.object({
    windowId: id('FR aid window'),
    familyId,
    removalId: id('Removal'),
    program: z.enum(['ab135-cash-aid', 'ab429-services']),
    startsOn: calendarDate,
    endsOn: calendarDate.describe('Last day of the sixth full calendar month (AB 135), prorated first month excluded'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `fr-window/${p.windowId}`,
  example: {
    windowId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    program: 'ab135-cash-aid',
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
  },
});
