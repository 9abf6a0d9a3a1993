// Test bundle entry: the sanction process and the deadline workflow its clocks run as.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { sanctionWorkflow } from '@linkages/calworks-workflows';
