// Test bundle entry: the referrals workflows as apps/referrals/src/workflows.ts lists them.
export { deadlineWorkflow } from '@linkages/platform-deadline-workflows';
export { sharingAuthorityWorkflow } from '@linkages/referrals-workflows';
export { coordinationWorkflow } from '@linkages/referrals-workflows';
