import { z } from 'zod';
import { calworksCaseNumber, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const referralEvaluatedOutEvent = defineEvent({
  domain: 'cws',
  name: 'referral-evaluated-out',
  topic: topics.cwsCaseEvents,
  title: 'Referral evaluated out',
  description:
    'The hotline evaluated a referral out (no in-person response), including a report refused as poverty alone under AB 2085 (WIC 300(b)(1): poverty is not neglect; child welfare refers the family to services, e.g. CalWORKs). When the family consents or CalWORKs already serves it, Linkages turns it into a Prevention or Benefit Access referral (issue 13, Deliver 3; RULES.md 7). Ids and facts only: no allegations, no reporter.',
  producers: ['child-welfare'],
  payload: z.object({
    referralId: id('CWS referral'),
    familyId,
    evaluatedOutAt: instant,
    povertyOnly: z.boolean().describe('Refused as poverty alone (AB 2085)'),
    referToServices: z.boolean().describe('The screener referred the family to community or CalWORKs services'),
    familyConsents: z.boolean().describe('The family consented to a referral to CalWORKs / Linkages'),
    knownToCalworks: z.boolean().describe('The referral carries a CalWORKs case number'),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `referral/${p.referralId}`,
  example: {
    referralId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    evaluatedOutAt: '2026-11-18T11:05:00-08:00',
    povertyOnly: true,
    referToServices: true,
    familyConsents: true,
    knownToCalworks: true,
    calworksCaseNumber: 'CW-2026-004512',
  },
});
