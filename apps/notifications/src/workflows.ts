// The workflows this service's worker runs, and only those; bundled by `npm run build` into
// dist/workflow-bundles/notifications.js. Every service runs durable deadlines and the operators' diagnostic timer;
// notifications adds the escalation ladder per missed deadline and one-off notices (reminders).
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { diagnosticTimerWorkflow } from '@linkages/platform-workflows';
export { escalationWorkflow, noticeWorkflow } from '@linkages/notifications-workflows';
