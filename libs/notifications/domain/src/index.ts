// The notifications domain (issue 14): pure rules of escalation, the organisation and delivery.
export * from './lib/escalation';
export * from './lib/organisation';
export * from './lib/delivery';
export * from './lib/webhook';
export * from './lib/queue';
export * from './lib/reports';
