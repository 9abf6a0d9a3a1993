export * from './deadline-event.handlers';
export * from './escalation-processes';
export * from './notifications-escalation.module';
