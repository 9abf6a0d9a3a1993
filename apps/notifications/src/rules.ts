import { PolicyRegistry, countyConfigurations } from '@linkages/platform-deadlines';

/** The rules this service's clocks run (none yet: notifications runs no legal clock), with the counties' configurations. */
export const rules = new PolicyRegistry([], countyConfigurations);
