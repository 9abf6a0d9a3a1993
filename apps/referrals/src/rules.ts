import { PolicyRegistry, countyConfigurations } from '@linkages/platform-deadlines';
import { linkagesRules } from '@linkages/referrals-domain';

/** The rules this service's clocks run (RULES.md section 7 and 9.10), with the counties' configurations. */
export const rules = new PolicyRegistry(linkagesRules, countyConfigurations);
