import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { refKind } from '../shared-family';

export const duplicateSuspectedEvent = defineEvent({
  domain: 'linkages',
  name: 'duplicate-suspected',
  topic: topics.linkagesReferralEvents,
  title: 'Duplicate family suspected in one agency',
  description:
    'The matching found the same people in two families of one agency (e.g. child welfare accepted the same four people twice as two families): a review is open for the liaison and the agency is warned (issue 13, Deliver 1). Nothing is merged automatically. Keyed by the Linkages family id; ids only.',
  producers: ['referrals'],
  payload: z.object({
    familyId: familyId.describe('The shared Linkages family of the first reference'),
    reviewId: id('Match review'),
    agency: z.enum(['cws', 'calworks', 'linkages']).describe('The agency holding both families'),
    refKind,
    refIds: z.array(id('The agency’s own family')).length(2).describe('The two families suspected to be one'),
    at: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `match-review/${p.reviewId}`,
  example: {
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    reviewId: '3f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c',
    agency: 'cws',
    refKind: 'cws-family',
    refIds: ['b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60', 'c7a2f3e5-9d4b-4fac-b2a1-3e8d6f4cab71'],
    at: '2026-11-25T16:41:05-08:00',
  },
});
