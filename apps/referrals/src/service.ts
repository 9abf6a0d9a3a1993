import type { ServiceDescriptor } from '@linkages/platform-service';
import { persistence } from './persistence';
import { rules } from './rules';

export const service: ServiceDescriptor = {
  name: 'referrals',
  title: 'Referrals (Linkages coordination)',
  description:
    'Linkages referrals and enrollment, the link between a family’s CWS and CalWORKs identities, consent and information-sharing authority, the coordinated case plan and liaison assignment.',
  port: 3001,
  workerHealthPort: 3101,
  persistence,
  rules,
};
