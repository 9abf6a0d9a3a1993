import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ChildCareExtensionRequest,
  ChildCareInPlaceRequest,
  CompliancePlanRequest,
  CureCompletedRequest,
  CurePlanRequest,
  CureRequest,
  GoodCauseRequest,
  HearingDecisionRequest,
  LinkagesSignal,
  PlanOutcomeRequest,
  SanctionView,
  StateHearingRequest,
  SupervisorReviewRequest,
} from '@linkages/calworks-domain';

// The sanction process's messages (one workflow per noncompliance episode, `calworks/sanction/<episodeId>`). Every
// update is validated before it is accepted: a refused one changes nothing and fails with type SANCTION_REFUSED and
// the reason. The clocks' deadlineReachedSignal (from @linkages/platform-deadline-workflows) moves the process on.

export type { SanctionInput, SanctionView } from '@linkages/calworks-domain';

/** The ApplicationFailure type of a refused update (the API answers it as 409 with the message). */
export const SANCTION_REFUSED = 'SanctionRequestRefused';

export const sanctionViewQuery = defineQuery<SanctionView>('sanctionView');
/** Returns once the episode's first step (rows, noncompliance-started, its clocks) is written. */
export const sanctionOpenedUpdate = defineUpdate<SanctionView, []>('sanctionOpened');
export const goodCauseUpdate = defineUpdate<SanctionView, [GoodCauseRequest]>('findGoodCause');
export const compliancePlanUpdate = defineUpdate<SanctionView, [CompliancePlanRequest]>('signCompliancePlan');
export const compliancePlanOutcomeUpdate = defineUpdate<SanctionView, [PlanOutcomeRequest]>('recordCompliancePlanOutcome');
export const supervisorReviewUpdate = defineUpdate<SanctionView, [SupervisorReviewRequest]>('reviewSanctionRequest');
export const cureRequestUpdate = defineUpdate<SanctionView, [CureRequest]>('requestCure');
export const curePlanUpdate = defineUpdate<SanctionView, [CurePlanRequest]>('signCurePlan');
export const childCareExtensionUpdate = defineUpdate<SanctionView, [ChildCareExtensionRequest]>('extendChildCareGoodCause');
export const childCareInPlaceUpdate = defineUpdate<SanctionView, [ChildCareInPlaceRequest]>('recordChildCareInPlace');
export const cureCompletedUpdate = defineUpdate<SanctionView, [CureCompletedRequest]>('completeCure');
export const stateHearingUpdate = defineUpdate<SanctionView, [StateHearingRequest]>('requestStateHearing');
export const hearingDecisionUpdate = defineUpdate<SanctionView, [HearingDecisionRequest]>('decideStateHearing');
/** Child welfare knows the family (inbox event; the signal carries the event id and a repeat is ignored). */
export const linkagesKnownSignal = defineSignal<[LinkagesSignal]>('linkagesKnown');

/** The workflow id of an episode's process (the same as workflowId('calworks', 'sanction', episodeId)). */
export const sanctionWorkflowIdOf = (episodeId: string) => `calworks/sanction/${episodeId}`;
