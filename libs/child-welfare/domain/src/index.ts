// Child-welfare domain: pure rules and decisions (sandbox-safe, unit-tested beside the code).
export * from './lib/rules/cws-emergency-response.rules';
export * from './lib/rules/cws-court.rules';
export * from './lib/rules/cws-case.rules';
export * from './lib/rules/cws.rules';
