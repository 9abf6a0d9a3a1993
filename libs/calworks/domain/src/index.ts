// CalWORKs domain: pure rules and decisions (sandbox-safe). Today the rule catalog; the sanction and FR-window
// decisions join it with the CalWORKs service.
export * from './lib/rules/calworks-wtw.rules';
export * from './lib/rules/calworks-fr.rules';
export * from './lib/rules/calworks.rules';
export * from './lib/household/household.types';
export * from './lib/household/household.rules';
export * from './lib/fr-window/fr-window.vocabulary';
export * from './lib/fr-window/fr-window.rules';
export * from './lib/fr-window/fr-aid-window-activities.contract';
export * from './lib/sanction/sanction.vocabulary';
export * from './lib/sanction/sanction-dates';
export * from './lib/sanction/sanction-process';
export * from './lib/sanction/sanction-refusals';
export * from './lib/sanction/sanction-steps';
export * from './lib/sanction/sanction-cure.steps';
export * from './lib/sanction/sanction-activities.contract';
export * from './lib/calworks-event.classification';
