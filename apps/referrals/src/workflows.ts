// The workflows this service's worker runs, and only those; bundled by `npm run build` into
// dist/workflow-bundles/referrals.js. Every service runs durable deadlines and the operators' diagnostic timer;
// Linkages adds the coordination process per shared family and the end of each authority to share.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { diagnosticTimerWorkflow } from '@linkages/platform-workflows';
export { coordinationWorkflow, sharingAuthorityWorkflow } from '@linkages/referrals-workflows';
