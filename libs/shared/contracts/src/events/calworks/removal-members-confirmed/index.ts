import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const removalMembersConfirmedEvent = defineEvent({
  domain: 'calworks',
  name: 'removal-members-confirmed',
  topic: topics.calworksFrAidEvents,
  title: 'AU members of a removal confirmed',
  description:
    'The eligibility worker confirmed which Assistance Unit members a child welfare removal concerns (AB 135 temporary absence; RULES.md 4), possibly from the members Linkages proposed. Satisfies the Linkages "AU change" coordination task (issue 13, Deliver 1 and 4). Keyed like the other FR events by the CWS family id of the removal.',
  producers: ['calworks'],
  payload: z.object({
    removalId: id('CWS removal'),
    auId: id('Assistance Unit'),
    familyId: familyId.describe('The CWS family id of the removal (as on child-removed)'),
    confirmedAt: instant,
    removedMemberCount: z.number().int().min(0).describe('How many AU members the removal concerns'),
    memberIds: z.array(id('AU member')).optional().describe('The AU members confirmed'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `removal/${p.removalId}`,
  example: {
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    confirmedAt: '2026-12-02T14:20:00-08:00',
    removedMemberCount: 1,
    memberIds: ['6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a'],
  },
});
