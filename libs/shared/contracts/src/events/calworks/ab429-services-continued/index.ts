import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const ab429ServicesContinuedEvent = defineEvent({
  domain: 'calworks',
  name: 'ab429-services-continued',
  topic: topics.calworksFrAidEvents,
  title: 'AB 429 services continued',
  description:
    'Welfare-to-Work and supportive services continue for the parent in reunification (AB 429; RULES.md 4, "AB 429 services-only FR"): the children were removed, the AU was aided at removal (or the parent was WTW-sanctioned, who may join at once) and child welfare says the services are needed. No cash while all children are removed. Eligibility is redetermined every 6 months, aligned with the reunification-plan review; past six months only on child welfare\'s good cause (`basis: cws-good-cause-extension`).',
  producers: ['calworks'],
  payload: z.object({
    removalId: id('Removal'),
    familyId,
    participantId: id('WTW participant'),
    continuedFrom: calendarDate,
    redeterminationDueOn: calendarDate.describe(
      'Next eligibility redetermination (every 6 months, rule calworks.fr.ab429-redetermination)',
    ),
    basis: z
      .enum(['reunification-plan', 'cws-good-cause-extension'])
      .describe('The reunification plan says the services are needed, or child welfare granted good cause to continue past six months'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `removal/${p.removalId}/participant/${p.participantId}`,
  example: {
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    continuedFrom: '2027-01-20',
    redeterminationDueOn: '2027-07-20',
    basis: 'reunification-plan',
  },
});
