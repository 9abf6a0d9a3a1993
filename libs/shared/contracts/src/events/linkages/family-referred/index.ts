import { z } from 'zod';
import { calendarDate, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const familyReferredEvent = defineEvent({
  domain: 'linkages',
  name: 'family-referred',
  topic: topics.linkagesReferralEvents,
  title: 'Family referred to Linkages',
  description:
    'Child welfare referred a family to Linkages for coordination with CalWORKs (LA DCFS 5122, Santa Clara SCD 1811). Built from the referral through the sharing policy’s event view: ids and the minimum-necessary facts (WIC 10850), never names, dates of birth, SSNs, case details or the reporter.',
  producers: ['referrals'],
  payload: z.object({
    referralId: id('Linkages referral'),
    familyId,
    caseType: z.enum(['ER', 'FM', 'FR']).describe('The CWS case type the referral comes from'),
    childRemoved: z.boolean().describe('At least one child is removed from the home'),
    removedOn: calendarDate.optional().describe('Date of the (latest) removal, when a child is removed'),
    childrenRemoved: z.number().int().min(0).describe('How many children are removed'),
    memberCount: z.number().int().min(1).describe('Family members named in the referral'),
    calworksAided: z.boolean().describe('The referral names a CalWORKs case'),
    referredAt: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `referral/${p.referralId}`,
  example: {
    referralId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    caseType: 'FR',
    childRemoved: true,
    removedOn: '2026-11-30',
    childrenRemoved: 2,
    memberCount: 4,
    calworksAided: true,
    referredAt: '2026-12-01T09:30:00-08:00',
  },
});
