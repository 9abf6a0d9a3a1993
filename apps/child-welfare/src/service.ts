import type { ServiceDescriptor } from '@linkages/platform-service';
import { persistence } from './persistence';
import { rules } from './rules';

export const service: ServiceDescriptor = {
  name: 'child-welfare',
  title: 'Child Welfare Services',
  description:
    'CWS hotline referrals, investigations, cases (ER, FM, FR), removals, case plans, hearings and visits, with every legal clock durable.',
  port: 3003,
  workerHealthPort: 3103,
  persistence,
  rules,
};
