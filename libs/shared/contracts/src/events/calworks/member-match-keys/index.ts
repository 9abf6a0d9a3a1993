import { z } from 'zod';
import { calworksCaseNumber, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { ageBand, matchKeySet, matchKeySetExample } from '../../../lib/match-keys';
import { topics } from '../../../lib/topics';

export const memberMatchKeysEvent = defineEvent({
  domain: 'calworks',
  name: 'member-match-keys',
  topic: topics.identityMatchKeys,
  title: 'Match keys of an Assistance Unit member',
  description:
    'CalWORKs recorded or changed an Assistance Unit member; these are the member’s privacy-preserving match keys (keyed HMAC tokens and Bloom filters under MATCH_KEY, never a plaintext name, date of birth or SSN) so that Linkages finds the same person in child welfare (issue 13, Deliver 1; RULES.md 9.10, WIC 10850 minimum necessary). Keyed by the AU (`familyId` is the AU id, as on every CalWORKs event). The case number lets Linkages link the AU to the CWS family that recorded it. Read only by referrals. `withdrawn` tells it to forget the member.',
  producers: ['calworks'],
  payload: z
    .object({
      memberId: id('AU member'),
      auId: id('Assistance Unit'),
      familyId: familyId.describe('The Assistance Unit id (CalWORKs events are keyed by the AU)'),
      caseNumber: calworksCaseNumber.describe('The AU’s CalWORKs case number (agency case number, WIC 10850)'),
      role: z.enum(['applicant', 'caretaker-relative', 'parent', 'child', 'other']).describe('The member’s role in the AU'),
      aided: z.boolean().describe('The member is in the aided AU (not excluded or sanctioned out)'),
      ageBand,
      keys: matchKeySet.optional().describe('The match keys; absent only when withdrawn'),
      withdrawn: z.boolean().describe('The member is no longer held: forget their keys'),
      recordedAt: instant,
    })
    .refine((p) => p.withdrawn || p.keys !== undefined, { message: 'keys are required unless withdrawn', path: ['keys'] }),
  key: (p) => p.familyId,
  subject: (p) => `member/${p.memberId}`,
  example: {
    memberId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    familyId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    caseNumber: 'CW-2026-004512',
    role: 'caretaker-relative',
    aided: true,
    ageBand: '20-plus',
    keys: matchKeySetExample,
    withdrawn: false,
    recordedAt: '2026-11-20T10:12:44-08:00',
  },
});
