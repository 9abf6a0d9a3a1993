import type { ErChecklistItem } from '../strategy/linkages-settings';

// The coordination tasks of a shared family (issue 13 item 4; plan §6): the ER + CalWORKs checklist, the removal
// hand-offs, the joint case-planning meeting and the coordinated plan review. Each is a tracked clock.

export type CoordinationTaskCode =
  ErChecklistItem | 'worker-contacts-csw' | 'au-change' | 'joint-case-planning-meeting' | 'coordinated-plan-review';

export type CoordinationTaskStatus = 'open' | 'done' | 'overdue' | 'cancelled';

/** The rule each task's clock runs (linkages.rules.ts). */
export const coordinationTaskRules: Readonly<Record<CoordinationTaskCode, string>> = {
  'check-sanction': 'linkages.er.sanction-check',
  'resolve-sanction': 'linkages.er.sanction-check',
  'refer-mental-health': 'linkages.er.assessment-referrals',
  'refer-domestic-violence': 'linkages.er.assessment-referrals',
  'refer-substance-use': 'linkages.er.assessment-referrals',
  'connect-housing': 'linkages.er.housing-connection',
  'worker-contacts-csw': 'linkages.fr-worker-contacts-csw',
  'au-change': 'linkages.au-change-after-removal',
  'joint-case-planning-meeting': 'linkages.joint-case-planning-meeting',
  'coordinated-plan-review': 'linkages.coordinated-plan-review',
};

/** The clock purpose of a task (the hand-off keeps the purpose today's referral clock has). */
export const coordinationPurposeOf = (code: CoordinationTaskCode): string =>
  code === 'worker-contacts-csw' ? 'fr-worker-contacts-csw' : code;

/** What a clock of a task hangs off: the ER referral, the removal, the CWS case, the case plan, or a typed-in referral. */
export type CoordinationSubjectType = 'cws-referral' | 'removal' | 'cws-case' | 'case-plan' | 'referral';

/** Who writes a step the process decides itself (a fact met a task, a clock fell due). */
export const COORDINATION_PROCESS_ACTOR = 'system:referrals-coordination';

/** How a worker closes a task: done, or not needed for this family (both meet the clock). */
export type TaskOutcome = 'done' | 'not-needed';

export const COORDINATION_REFUSED = 'CoordinationRefused';
