import { PolicyRegistry, countyConfigurations } from '@linkages/platform-deadlines';
import { cwsRules } from '@linkages/child-welfare-domain';

/** The rules this service's clocks run (RULES.md sections 1 and 2), with the counties' configurations. */
export const rules = new PolicyRegistry(cwsRules, countyConfigurations);
