import type { ServiceDescriptor } from '@linkages/platform-service';
import { persistence } from './persistence';
import { rules } from './rules';

export const service: ServiceDescriptor = {
  name: 'notifications',
  title: 'Notifications',
  description:
    'People, teams and supervisors, inboxes, delivery channels and escalation ladders for deadline warnings, due dates and overdue escalations.',
  port: 3004,
  workerHealthPort: 3104,
  persistence,
  rules,
};
