// Child-welfare domain: pure rules and decisions (sandbox-safe, unit-tested beside the code).
export * from './lib/child-welfare.types';
export * from './lib/refusal';
export * from './lib/cws-dates';
export * from './lib/allegations';
export * from './lib/screening.rules';
export * from './lib/emergency-response.rules';
export * from './lib/court-timeline.rules';
export * from './lib/reunification.rules';
export * from './lib/case-plan.rules';
export * from './lib/case-lifecycle.rules';
export * from './lib/monthly-visit.rules';
export * from './lib/cws-event.classification';
// The rule catalog (RULES.md sections 1 and 2).
export * from './lib/rules/cws-emergency-response.rules';
export * from './lib/rules/cws-court.rules';
export * from './lib/rules/cws-case.rules';
export * from './lib/rules/cws.rules';
