import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CoordinationView,
  FamilyFactSignal,
  JointMeetingRequest,
  LiaisonRequest,
  TaskOutcomeRequest,
} from '@linkages/referrals-domain';

// Messages of the coordination process `referrals/coordination/<familyId>` (issue 13 item 4): the facts both agencies'
// events carry (a signal each, with its event id: a redelivered event is ignored), the shared family's identity
// changing (a merge), the workers' updates (validated: a refused one changes nothing and says why) and the view.
// Ids, codes and dates only.

export type { CoordinationInput, CoordinationView, FamilyFactSignal } from '@linkages/referrals-domain';

export const familyFactSignal = defineSignal<[FamilyFactSignal]>('coordinationFamilyFact');

/** The shared family absorbed another (merge): its facts arrive here from now on. */
export interface IdentityChangedSignal {
  eventId: string;
  mergedFamilyId: string;
}
export const identityChangedSignal = defineSignal<[IdentityChangedSignal]>('coordinationIdentityChanged');

export const taskOutcomeUpdate = defineUpdate<CoordinationView, [TaskOutcomeRequest]>('coordinationTaskOutcome');
export const jointMeetingUpdate = defineUpdate<CoordinationView, [JointMeetingRequest]>('coordinationJointMeeting');
export const liaisonUpdate = defineUpdate<CoordinationView, [LiaisonRequest]>('coordinationLiaison');
export const coordinationViewQuery = defineQuery<CoordinationView>('coordinationView');

export { COORDINATION_REFUSED } from '@linkages/referrals-domain';
