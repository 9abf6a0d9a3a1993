import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  coordinationSignalNames,
  type CoordinationView,
  type FamilyFactSignal,
  type FamilyMergedSignal,
  type MergedIntoSignal,
  type JointMeetingRequest,
  type LiaisonRequest,
  type TaskOutcomeRequest,
} from '@linkages/referrals-domain';

// Messages of the coordination process `referrals/coordination/<familyId>` (issue 13 item 4): the facts both agencies'
// events carry (a signal each, with its event id: a redelivered event is ignored), the shared family's identity
// merging (the survivor hears the absorbed family's facts and tasks; the absorbed process forwards), the workers' updates (validated: a refused one changes nothing and says why) and the view.
// Ids, codes and dates only.

export type {
  CoordinationInput,
  CoordinationView,
  FamilyFactSignal,
  FamilyMergedSignal,
  MergedIntoSignal,
} from '@linkages/referrals-domain';

export const familyFactSignal = defineSignal<[FamilyFactSignal]>(coordinationSignalNames.familyFact);

/** To the survivor of a merge: the absorbed family's facts, tasks and meetings (see FamilyMergedSignal). */
export const familyMergedSignal = defineSignal<[FamilyMergedSignal]>(coordinationSignalNames.familyMerged);

/** To the absorbed family's process: hand the tasks over to the survivor, then forward what still reaches it. */
export const mergedIntoSignal = defineSignal<[MergedIntoSignal]>(coordinationSignalNames.mergedInto);

export const taskOutcomeUpdate = defineUpdate<CoordinationView, [TaskOutcomeRequest]>('coordinationTaskOutcome');
export const jointMeetingUpdate = defineUpdate<CoordinationView, [JointMeetingRequest]>('coordinationJointMeeting');
export const liaisonUpdate = defineUpdate<CoordinationView, [LiaisonRequest]>('coordinationLiaison');
export const coordinationViewQuery = defineQuery<CoordinationView>('coordinationView');

export { COORDINATION_REFUSED } from '@linkages/referrals-domain';
