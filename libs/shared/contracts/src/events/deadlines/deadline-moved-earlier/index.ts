import { code, id, instant, serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineMovedEarlierEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-moved-earlier',
  topic: topics.deadlineEvents,
  title: 'Deadline moved earlier',
  description:
    "A deadline's due instant moved earlier than it was (`previousDueAt` → `dueAt`), e.g. an AB 429 redetermination aligned with an earlier reunification-plan review (RULES.md 4) or a hearing set sooner. Not an extension: nobody was given more time, so consumers re-plan reminders and escalations against the earlier instant.",
  producers: serviceNames,
  payload: deadlinePayload.extend({
    previousDueAt: instant,
    reasonCode: code('Reason code for the move, from the rule record'),
    movedBy: id('Staff member'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: {
    ...deadlineExample,
    ruleId: 'calworks.fr.ab429-redetermination',
    citation: 'Santa Clara AB 429 page; ACL 02-36',
    subjectRef: 'removal/0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b/ab429-redetermination',
    ownerService: 'calworks',
    previousDueAt: '2027-07-20T23:59:59-07:00',
    dueAt: '2027-06-16T23:59:59-07:00',
    reasonCode: 'aligned-with-review',
    movedBy: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b',
  },
});
