// The notifications workflows lib (issue 14).
export * from './lib/escalation';
