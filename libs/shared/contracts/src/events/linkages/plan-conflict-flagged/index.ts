import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const planConflictFlaggedEvent = defineEvent({
  domain: 'linkages',
  name: 'plan-conflict-flagged',
  topic: topics.linkagesReferralEvents,
  title: 'Coordinated plan conflict flagged',
  description:
    'The coordinated case plan has a conflict between the agencies’ activities, with its reason code: overlapping appointments, WTW hours that leave no time for court-ordered treatment, a required activity without child care, an activity the person cannot reach (RULES.md 7, coordinated case planning; issue 13, Deliver 5). Flagged once per conflict; the workers resolve it. Keyed by the Linkages family id; codes and ids only, never the activities’ details.',
  producers: ['referrals'],
  payload: z.object({
    conflictId: id('Plan conflict'),
    familyId: familyId.describe('The shared Linkages family id'),
    code: z.enum(['overlapping-appointments', 'no-time-for-court-ordered', 'no-child-care', 'unreachable']),
    activityIds: z.array(id('Plan activity')).min(1).describe('The activities in conflict'),
    at: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `plan-conflict/${p.conflictId}`,
  example: {
    conflictId: '8e9f0a1b-2c3d-4e4f-9a6b-7c8d9e0f1a2b',
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    code: 'overlapping-appointments',
    activityIds: ['3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d', '9f0a1b2c-3d4e-4f5a-8b7c-8d9e0f1a2b3c'],
    at: '2026-12-02T09:00:00-08:00',
  },
});
