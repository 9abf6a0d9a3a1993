// Test bundle entry: the FR aid process beside the real deadline workflow, so its clocks run for real and signal it.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { frAidWindowWorkflow } from './fr-aid-window.workflow';
