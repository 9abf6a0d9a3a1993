import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const sharingAuthorityEndedEvent = defineEvent({
  domain: 'linkages',
  name: 'sharing-authority-ended',
  topic: topics.linkagesReferralEvents,
  title: 'Authority to share ended',
  description:
    'An authority to share the family’s child welfare information with CalWORKs ended: a consent expired or was revoked, or an MDT information window ended (WIC 18961.7, WIC 10850; RULES.md 5; issue 13, Deliver 2). Sharing stopped at `endedAt`; this records it. Keyed by the Linkages family id; ids and codes only.',
  producers: ['referrals'],
  payload: z.object({
    authorityId: id('Sharing authority'),
    familyId: familyId.describe('The shared Linkages family id'),
    kind: z.enum(['consent', 'mdt']).describe('A signed consent or an MDT membership'),
    endedAt: instant,
    reason: z.enum(['expired', 'window-ended', 'revoked']),
  }),
  key: (p) => p.familyId,
  subject: (p) => `authority/${p.authorityId}`,
  example: {
    authorityId: '9f0a1b2c-3d4e-4f5a-8b7c-0d1e2f3a4b5c',
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    kind: 'consent',
    endedAt: '2027-06-01T00:00:00-07:00',
    reason: 'expired',
  },
});
