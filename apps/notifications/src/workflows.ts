// The workflows this service's worker runs, and only those; bundled by `npm run build` into
// dist/workflow-bundles/notifications.js. Every service runs durable deadlines and the operators' diagnostic timer.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { diagnosticTimerWorkflow } from '@linkages/platform-workflows';
