import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { linkDecidedBy, linkedAgency, refKind } from '../shared-family';

export const familyLinkedEvent = defineEvent({
  domain: 'linkages',
  name: 'family-linked',
  topic: topics.linkagesReferralEvents,
  title: 'Agency family linked to the shared family',
  description:
    'Linkages linked an agency’s own family (a CWS family, a CalWORKs Assistance Unit or a typed-in Linkages referral) to the shared Linkages family: automatically on a confident match of the people’s match keys, by a liaison from the review queue, or by the CalWORKs case number child welfare recorded (issue 13, Deliver 1; RULES.md 7). Audited and reversible (family-unlinked). Keyed by the Linkages family id; ids and codes only.',
  producers: ['referrals'],
  payload: z.object({
    familyId: familyId.describe('The shared Linkages family id'),
    linkId: id('Family link'),
    agency: linkedAgency,
    refKind,
    refId: id('The agency’s own family, AU or referral'),
    decidedBy: linkDecidedBy,
    mergedFromFamilyId: id('A shared family merged into this one by the link').optional(),
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
    decidedBy: 'auto',
    at: '2026-11-25T16:41:05-08:00',
  },
});
