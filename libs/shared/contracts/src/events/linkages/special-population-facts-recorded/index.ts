import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { refKind } from '../shared-family';

export const specialPopulationFactsRecordedEvent = defineEvent({
  domain: 'linkages',
  name: 'special-population-facts-recorded',
  topic: topics.linkagesReferralEvents,
  title: 'Special-population facts recorded for a shared family',
  description:
    'A Linkages liaison or supervisor recorded facts that place the shared family in Special Populations (homeless, the parents’ age bands for teen parents; county-configurable criteria, RULES.md 7; issue 13, Deliver 3). The family’s coordination process applies them. Keyed by the Linkages family id; `refKind`/`refId` name one agency ref of the family, by which the process finds it after a merge. Codes and flags only: the liaison’s reason stays in the audit log.',
  producers: ['referrals'],
  payload: z.object({
    factsId: id('The recorded facts'),
    familyId: familyId.describe('The shared Linkages family id'),
    refKind,
    refId: id('An agency ref of the family (CWS family, CalWORKs AU or Linkages referral)'),
    homeless: z.boolean().optional().describe('The family is homeless (absent: unchanged)'),
    parentAgeBands: z
      .array(z.enum(['child', 'under-20', '20-plus']))
      .max(10)
      .optional()
      .describe('The age bands of the family’s parents (under-20: a teen parent; absent: unchanged)'),
    recordedAt: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `special-population-facts/${p.factsId}`,
  example: {
    factsId: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    refKind: 'linkages-referral',
    refId: '7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
    homeless: true,
    parentAgeBands: ['under-20'],
    recordedAt: '2026-12-02T11:00:00-08:00',
  },
});
