// The notifications workflows lib (issue 14): the escalation ladder per overdue deadline, and one-off notices.
export * from './lib/escalation';
export * from './lib/notice';
