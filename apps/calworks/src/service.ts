import type { ServiceDescriptor } from '@linkages/platform-service';
import { persistence } from './persistence';
import { rules } from './rules';

export const service: ServiceDescriptor = {
  name: 'calworks',
  title: 'CalWORKs',
  description:
    'Assistance Units and members, Welfare-to-Work participants and plans, noncompliance episodes, sanctions and cures, AB 135 / AB 429 Family Reunification aid windows.',
  port: 3002,
  workerHealthPort: 3102,
  persistence,
  rules,
};
