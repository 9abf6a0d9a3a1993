import type { PolicyRule } from '@linkages/platform-deadlines';
import { cwsCaseRules } from './cws-case.rules';
import { cwsCourtRules } from './cws-court.rules';
import { cwsDispositionRules } from './cws-disposition.rules';
import { cwsEmergencyResponseRules } from './cws-emergency-response.rules';
import { cwsReviewRules } from './cws-reviews.rules';

/** Every child-welfare rule (RULES.md sections 1 and 2): emergency response, dependency court, case plans and visits. */
export const cwsRules: readonly PolicyRule[] = [
  ...cwsEmergencyResponseRules,
  ...cwsCourtRules,
  ...cwsDispositionRules,
  ...cwsCaseRules,
  ...cwsReviewRules,
];
