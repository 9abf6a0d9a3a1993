import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const removalMembersProposedEvent = defineEvent({
  domain: 'linkages',
  name: 'removal-members-proposed',
  topic: topics.linkagesReferralEvents,
  title: 'AU members of a removal proposed',
  description:
    'On a child welfare removal in a family CalWORKs aids, Linkages proposes which Assistance Unit members the removal concerns, from the person links (issue 13, Deliver 1; RULES.md 4, AB 135 temporary absence). Only a proposal: the eligibility worker confirms (removal-members-confirmed). Keyed by the Linkages family id; ids only.',
  producers: ['referrals'],
  minor: 1,
  payload: z.object({
    familyId: familyId.describe('The shared Linkages family id'),
    removalId: id('CWS removal'),
    auId: id('Assistance Unit'),
    proposedMemberIds: z.array(id('AU member')).min(1).describe('The AU members the removal concerns'),
    linkIds: z.array(id('Person link')).min(1).describe('The person links the proposal rests on'),
    removal: z
      .object({
        cwsFamilyId: id('CWS family'),
        caseId: id('CWS case'),
        childId: id('CWS child'),
        removedAt: instant,
        allChildrenRemoved: z.boolean().describe('Every child of the home was removed'),
      })
      .optional()
      .describe(
        '1.1: the removal as child welfare reported it (ids, the instant and a flag, as child-removed carries them), only when its event named no CalWORKs case number (the family was found by matching), so CalWORKs can start its FR process; absent when child welfare named the case number (CalWORKs holds the removal already)',
      ),
    at: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `removal/${p.removalId}`,
  example: {
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    proposedMemberIds: ['6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a'],
    linkIds: ['4a5b6c7d-8e9f-4a0b-9c2d-3e4f5a6b7c8d'],
    removal: {
      cwsFamilyId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      caseId: '7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
      childId: '8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f',
      removedAt: '2026-11-30T14:10:00-08:00',
      allChildrenRemoved: true,
    },
    at: '2026-11-30T15:02:00-08:00',
  },
});
