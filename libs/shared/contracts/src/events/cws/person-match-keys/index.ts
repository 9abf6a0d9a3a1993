import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { ageBand, matchKeySet, matchKeySetExample } from '../../../lib/match-keys';
import { topics } from '../../../lib/topics';

export const personMatchKeysEvent = defineEvent({
  domain: 'cws',
  name: 'person-match-keys',
  topic: topics.identityMatchKeys,
  title: 'Match keys of a child welfare person',
  description:
    'Child welfare recorded or changed a family member; these are the person’s privacy-preserving match keys (keyed HMAC tokens and Bloom filters under MATCH_KEY, never a plaintext name, date of birth or SSN) so that Linkages finds the same person in CalWORKs and warns about duplicate families (issue 13, Deliver 1; RULES.md 9.10, WIC 10850 minimum necessary). Read only by referrals. `withdrawn` tells it to forget the person (record deleted or merged).',
  producers: ['child-welfare'],
  payload: z
    .object({
      personId: id('CWS person'),
      familyId,
      role: z.enum(['parent', 'child', 'caregiver']).describe('The person’s role in the CWS family'),
      ageBand,
      keys: matchKeySet.optional().describe('The match keys; absent only when withdrawn'),
      withdrawn: z.boolean().describe('The person is no longer held: forget their keys'),
      recordedAt: instant,
    })
    .refine((p) => p.withdrawn || p.keys !== undefined, { message: 'keys are required unless withdrawn', path: ['keys'] }),
  key: (p) => p.familyId,
  subject: (p) => `person/${p.personId}`,
  example: {
    personId: '8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    role: 'parent',
    ageBand: '20-plus',
    keys: matchKeySetExample,
    withdrawn: false,
    recordedAt: '2026-11-25T16:41:02-08:00',
  },
});
