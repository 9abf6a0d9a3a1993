import { z } from 'zod';
import { code, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { linkedAgency, refKind } from '../shared-family';

export const familyUnlinkedEvent = defineEvent({
  domain: 'linkages',
  name: 'family-unlinked',
  topic: topics.linkagesReferralEvents,
  title: 'Agency family unlinked from the shared family',
  description:
    'A liaison reversed a link: the agency family no longer belongs to the shared Linkages family and, when it was linked to others, moves to a new shared family of its own (a split). Views follow the link (issue 13, Deliver 1). Audited. Keyed by the Linkages family the reference left; ids and codes only.',
  producers: ['referrals'],
  payload: z.object({
    familyId: familyId.describe('The shared Linkages family the reference left'),
    linkId: id('Family link ended'),
    agency: linkedAgency,
    refKind,
    refId: id('The agency’s own family, AU or referral'),
    decidedBy: z.enum(['liaison']).describe('Only a liaison unlinks'),
    reason: code('Why (not-same-family, wrong-person, …)'),
    newFamilyId: id('The shared family the reference now belongs to, after a split').optional(),
    at: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `family-link/${p.linkId}`,
  example: {
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    linkId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
    agency: 'calworks',
    refKind: 'au',
    refId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    decidedBy: 'liaison',
    reason: 'not-same-family',
    newFamilyId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
    at: '2026-11-27T09:15:00-08:00',
  },
});
