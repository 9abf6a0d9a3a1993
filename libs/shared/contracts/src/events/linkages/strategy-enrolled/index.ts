import { z } from 'zod';
import { code, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { linkagesStrategies } from '../shared-family';

export const strategyEnrolledEvent = defineEvent({
  domain: 'linkages',
  name: 'strategy-enrolled',
  topic: topics.linkagesReferralEvents,
  title: 'Family enrolled in a Linkages strategy',
  description:
    'Linkages placed the shared family in a strategy as the program defines them (Prevention, Intervention ER / FM / FR + CalWORKs, Special Populations, Benefit Access; RULES.md 7; issue 13, Deliver 3), with why (reason codes) and whether a liaison is assigned. A new placement supersedes the previous one as the CWS case moves (ER → FM or FR → after-care → closed). Keyed by the Linkages family id; codes only.',
  producers: ['referrals'],
  payload: z.object({
    enrollmentId: id('Linkages enrollment'),
    familyId: familyId.describe('The shared Linkages family id'),
    strategy: z.enum(linkagesStrategies),
    tracks: z.array(z.enum(linkagesStrategies)).optional().describe('Additional tracks, e.g. special-populations beside intervention-fr'),
    reasons: z.array(code('Placement reason code')).min(1),
    caseStage: code('The CWS case stage the placement rests on (er, fm, fr, after-care, closed, none)').optional(),
    liaisonAssigned: z.boolean(),
    supersedes: id('The enrollment this one replaces').optional(),
    since: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `enrollment/${p.enrollmentId}`,
  example: {
    enrollmentId: '5b6c7d8e-9f0a-4b1c-8d3e-4f5a6b7c8d9e',
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    strategy: 'intervention-fr',
    tracks: ['special-populations'],
    reasons: ['fr-case-open', 'calworks-aided', 'sanctioned'],
    caseStage: 'fr',
    liaisonAssigned: true,
    supersedes: '6c7d8e9f-0a1b-4c2d-9e4f-5a6b7c8d9e0f',
    since: '2026-12-01T10:00:00-08:00',
  },
});
