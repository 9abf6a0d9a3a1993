import { code, id, serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineCancelledEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-cancelled',
  topic: topics.deadlineEvents,
  title: 'Deadline cancelled',
  description: 'The clock no longer applies (its record closed, the fact withdrawn): nothing is due; an escalation of it ends.',
  producers: serviceNames,
  payload: deadlinePayload.extend({
    reasonCode: code('Why the clock was cancelled, e.g. referral-evaluated-out'),
    cancelledBy: id('Staff member or system actor'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: { ...deadlineExample, reasonCode: 'case-closed', cancelledBy: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b' },
});
