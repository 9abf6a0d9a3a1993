// The workflows this service's worker runs, and only those; bundled by `npm run build` into
// dist/workflow-bundles/calworks.js. Every service runs durable deadlines and the operators' diagnostic timer;
// CalWORKs adds its two processes: the sanction process per noncompliance episode and the FR aid window per removal.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { diagnosticTimerWorkflow } from '@linkages/platform-workflows';
export { frAidWindowWorkflow, sanctionWorkflow } from '@linkages/calworks-workflows';
