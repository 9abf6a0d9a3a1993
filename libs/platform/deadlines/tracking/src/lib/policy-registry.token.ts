/** The service's PolicyRegistry: the rules its clocks run, composed by the app (apps/<service>/src/rules.ts). */
export const POLICY_REGISTRY = Symbol('POLICY_REGISTRY');
