import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const referralReceivedEvent = defineEvent({
  domain: 'cws',
  name: 'referral-received',
  topic: topics.cwsCaseEvents,
  title: 'CWS referral received',
  description:
    'A hotline referral was screened in for an in-person response. Carries whether the family is known to CalWORKs, never the reporter or the allegations.',
  producers: ['child-welfare'],
  payload: z.object({
    referralId: id('CWS referral'),
    familyId,
    receivedAt: instant,
    responsePriority: z.enum(['immediate', '10-day']).describe('WIC 16501(f): immediate (24 hours) or within 10 calendar days'),
    knownToCalworks: z.boolean().describe('The family matched an open CalWORKs case by identifiers at intake'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `referral/${p.referralId}`,
  example: {
    referralId: '5a3c2f7e-0b1d-4c51-9a0e-3f7d2b9c1e41',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    receivedAt: '2026-11-25T16:40:00-08:00',
    responsePriority: '10-day',
    knownToCalworks: true,
  },
});
