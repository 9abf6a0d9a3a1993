import { serviceNames } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';
import { deadlineExample, deadlinePayload } from '../deadline-payload';

export const deadlineDueEvent = defineEvent({
  domain: 'deadlines',
  name: 'deadline-due',
  topic: topics.deadlineEvents,
  title: 'Deadline due',
  description: 'A deadline reached its due instant without being satisfied.',
  producers: serviceNames,
  payload: deadlinePayload,
  key: (p) => p.familyId,
  subject: (p) => `deadline/${p.deadlineId}`,
  example: { ...deadlineExample },
});
