import type { QueueState } from '../api/types';

export const stateLabels: Record<QueueState, string> = {
  'due-soon': 'Due soon',
  due: 'Due',
  overdue: 'Overdue',
  escalated: 'Escalated',
  acknowledged: 'Acknowledged',
  met: 'Met',
  cancelled: 'Cancelled',
};

export const programLabels: Record<string, string> = {
  'cws-emergency-response': 'CWS emergency response',
  'cws-court': 'CWS court',
  'cws-case': 'CWS case plan',
  'calworks-welfare-to-work': 'CalWORKs Welfare-to-Work',
  'calworks-family-reunification': 'CalWORKs Family Reunification',
  linkages: 'Linkages coordination',
};

export const roleLabels: Record<string, string> = {
  'assigned-worker': 'assigned worker',
  supervisor: 'supervisor',
  manager: 'manager',
  'manager-on-duty': 'manager on duty',
};
