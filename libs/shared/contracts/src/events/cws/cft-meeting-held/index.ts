import { z } from 'zod';
import { calendarDate, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const cftMeetingHeldEvent = defineEvent({
  domain: 'cws',
  name: 'cft-meeting-held',
  topic: topics.cwsCaseEvents,
  title: 'Child and Family Team meeting held',
  description:
    'A Child and Family Team meeting was held on a case (WIC 16501(a)(4)). With the CalWORKs worker invited it counts as the joint case-planning meeting Linkages expects after an FM or FR case opens (RULES.md 7, coordinated case planning; issue 13, Deliver 4). Ids and facts only: no participants’ names, no content.',
  producers: ['child-welfare'],
  payload: z.object({
    meetingId: id('CFT meeting'),
    caseId: id('CWS case'),
    familyId,
    heldOn: calendarDate,
    calworksWorkerInvited: z.boolean().describe('The family’s CalWORKs worker was invited'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `meeting/${p.meetingId}`,
  example: {
    meetingId: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    heldOn: '2026-12-10',
    calworksWorkerInvited: true,
  },
});
