import { z } from 'zod';
import { calendarDate, code, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const goodCauseFoundEvent = defineEvent({
  domain: 'calworks',
  name: 'good-cause-found',
  topic: topics.calworksWtwEvents,
  title: 'Good cause found',
  description: 'Good cause was established for the noncompliance; the episode ends without a sanction.',
  producers: ['calworks'],
  payload: z.object({
    episodeId: id('Noncompliance episode'),
    familyId,
    determinedOn: calendarDate,
    ground: code('Good-cause ground (WTW 26 list or supervisor review ground)'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `episode/${p.episodeId}`,
  example: {
    episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    determinedOn: '2026-12-03',
    ground: 'court-ordered-activity-conflict',
  },
});
