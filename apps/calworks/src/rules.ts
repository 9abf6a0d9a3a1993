import { PolicyRegistry, countyConfigurations } from '@linkages/platform-deadlines';
import { calworksRules } from '@linkages/calworks-domain';

/** The rules this service's clocks run (RULES.md sections 3 and 4), with the counties' configurations. */
export const rules = new PolicyRegistry(calworksRules, countyConfigurations);
