// The notifications feature lib (issue 14), one barrel per slice.
export * from './lib/escalation';
export * from './lib/organisation';
export * from './lib/delivery';
export * from './lib/inbox';
export * from './lib/webhook';
export * from './lib/queue';
export * from './lib/reports';
