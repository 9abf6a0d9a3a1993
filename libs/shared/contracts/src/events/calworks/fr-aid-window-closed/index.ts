import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

/**
 * Why a window closed (RULES.md 4, "What ends the window"). The v1 names are published and stay: the six months
 * ended = `six-months-elapsed`, the child returned home = `child-returned-home`, reunification services ended =
 * `reunification-services-terminated`; `case-closed` was added in 1.1.
 */
const frAidWindowCloseReasons = [
  'six-months-elapsed',
  'child-returned-home',
  'reunification-services-terminated',
  'parental-rights-terminated',
  'other',
  'case-closed',
] as const;
export type FrAidWindowCloseReason = (typeof frAidWindowCloseReasons)[number];

export const frAidWindowClosedEvent = defineEvent({
  domain: 'calworks',
  name: 'fr-aid-window-closed',
  topic: topics.calworksFrAidEvents,
  title: 'FR aid window closed',
  description:
    'A Family Reunification aid window closed (RULES.md 4, WIC 11203(b)): its six full calendar months ended (no extension of cash aid), the child returned home (redetermination to regular CalWORKs follows), reunification services were terminated or parental rights terminated (condition (3) no longer met; inferred, configurable per county), or the child welfare case closed (1.1).',
  producers: ['calworks'],
  minor: 1,
  payload: z.object({
    windowId: id('FR aid window'),
    familyId,
    closedOn: calendarDate,
    reason: z.enum(frAidWindowCloseReasons),
    removalId: id('Removal').optional().describe('The removal the window was opened for (1.1)'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `fr-window/${p.windowId}`,
  example: {
    windowId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    closedOn: '2027-05-20',
    reason: 'child-returned-home',
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
  },
});
