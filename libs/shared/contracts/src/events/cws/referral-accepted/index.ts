import { z } from 'zod';
import { calworksCaseNumber, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const referralAcceptedEvent = defineEvent({
  domain: 'cws',
  name: 'referral-accepted',
  topic: topics.cwsCaseEvents,
  title: 'Referral accepted for in-person response',
  description:
    'The hotline screened a referral in (investigation or Differential Response). Tells CalWORKs, when the family is known to it, that an emergency response is under way (Linkages protocol: immediate coordination). Ids and facts only: no allegations, no reporter. Since 1.1 it carries the CalWORKs case number the referral recorded, by which CalWORKs finds the Assistance Unit.',
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    referralId: id('CWS referral'),
    familyId,
    acceptedAt: instant,
    responsePriority: z.enum(['immediate', '10-day']).describe('WIC 16501(f): immediate (24 hours) or within 10 calendar days'),
    path: z.enum(['investigation', 'differential-response']),
    knownToCalworks: z.boolean().describe('The referral carries a CalWORKs case number'),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `referral/${p.referralId}`,
  example: {
    referralId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    acceptedAt: '2026-11-25T16:40:00-08:00',
    responsePriority: '10-day',
    path: 'investigation',
    knownToCalworks: true,
    calworksCaseNumber: 'CW-2026-004512',
  },
});
