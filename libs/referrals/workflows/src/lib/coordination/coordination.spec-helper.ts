// Test bundle entry: the coordination process beside the real deadline workflow, so its clocks run for real and signal it.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { coordinationWorkflow } from './coordination.workflow';
