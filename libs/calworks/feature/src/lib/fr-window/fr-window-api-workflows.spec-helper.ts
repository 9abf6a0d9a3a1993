// Test bundle entry: the FR aid process and the deadline workflow its clocks run as.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { frAidWindowWorkflow } from '@linkages/calworks-workflows';
