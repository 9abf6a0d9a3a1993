import { z } from 'zod';
import { code, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const preventionReferredEvent = defineEvent({
  domain: 'linkages',
  name: 'prevention-referred',
  topic: topics.linkagesReferralEvents,
  title: 'CalWORKs applicant household referred for Linkages Prevention',
  description:
    'CalWORKs staff referred an applicant household with no open CWS case to Linkages Prevention (the cases no agency event covers; issue 13, Deliver 3), with the risk factors they identified as codes. The household was matched like the agencies’ own records, so the Linkages family id is the shared family its people link into. Ids, codes and dates only: never names, dates of birth or SSNs.',
  producers: ['referrals'],
  payload: z.object({
    referralId: id('Linkages prevention referral'),
    familyId: familyId.describe('The shared Linkages family id'),
    auId: id('The CalWORKs Assistance Unit the applicant already has').optional(),
    riskFactors: z.array(code('Risk factor code (prevention vocabulary)')).max(20).describe('The risk factors CalWORKs staff identified'),
    memberCount: z.number().int().min(1).describe('Household members named in the referral'),
    referredAt: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `referral/${p.referralId}`,
  example: {
    referralId: '7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    auId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    riskFactors: ['housing-instability', 'domestic-violence'],
    memberCount: 3,
    referredAt: '2026-12-01T09:30:00-08:00',
  },
});
