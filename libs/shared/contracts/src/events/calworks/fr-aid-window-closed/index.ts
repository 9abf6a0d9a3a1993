import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const frAidWindowClosedEvent = defineEvent({
  domain: 'calworks',
  name: 'fr-aid-window-closed',
  topic: topics.calworksFrAidEvents,
  title: 'FR aid window closed',
  description: 'A Family Reunification aid window closed: its six months ended, the child returned home, or services ended.',
  producers: ['calworks'],
  payload: z.object({
    windowId: id('FR aid window'),
    familyId,
    closedOn: calendarDate,
    reason: z.enum([
      'six-months-elapsed',
      'child-returned-home',
      'reunification-services-terminated',
      'parental-rights-terminated',
      'other',
    ]),
  }),
  key: (p) => p.familyId,
  subject: (p) => `fr-window/${p.windowId}`,
  example: {
    windowId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    closedOn: '2027-05-20',
    reason: 'child-returned-home',
  },
});
