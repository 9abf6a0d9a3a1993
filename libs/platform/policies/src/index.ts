export * from './lib/policy-rule';
export * from './lib/ladders';
export * from './lib/define-rule';
export * from './lib/registry';
export * from './lib/rules-doc';
