import type { PolicyRule } from '@linkages/platform-deadlines';
import { calworksFrRules } from './calworks-fr.rules';
import { calworksHearingRules } from './calworks-hearings.rules';
import { calworksWtwRules } from './calworks-wtw.rules';

/** Every CalWORKs rule (RULES.md sections 3 and 4): the Welfare-to-Work sanction sequence and the FR aid windows. */
export const calworksRules: readonly PolicyRule[] = [...calworksWtwRules, ...calworksFrRules, ...calworksHearingRules];
