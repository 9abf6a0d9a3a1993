// Test bundle entry: the sanction process beside the real deadline workflow whose clocks drive it.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { sanctionWorkflow } from './sanction.workflow';
