import type { CalworksStatus, CwsCaseType } from '../strategy/strategy.vocabulary';
import type { CoordinationMeeting, CoordinationTask } from './coordination-process';

// The facts the coordination process of a shared family hears, as its inbox handlers pass them on (one per consumed
// event, in the family's timeline order). Ids, codes and dates only: no names, no narrative (no PII in histories).

export type CoordinationFact =
  /** An ER referral accepted (`cws.referral-accepted`). */
  | { kind: 'referral-accepted'; referralId: string; acceptedAt: string; knownToCalworks: boolean }
  /** A report evaluated out (`cws.referral-evaluated-out`), AB 2085 poverty-only included. */
  | {
      kind: 'referral-evaluated-out';
      referralId: string;
      evaluatedOutAt: string;
      povertyOnly: boolean;
      referToServices: boolean;
      familyConsents: boolean;
      knownToCalworks: boolean;
    }
  | { kind: 'case-opened'; caseId: string; caseType: CwsCaseType; openedOn: string; knownToCalworks: boolean }
  | { kind: 'case-closed'; caseId: string; closedOn: string }
  | {
      kind: 'child-removed';
      removalId: string;
      caseId: string;
      removedAt: string;
      knownToCalworks: boolean;
      /** The CWS child and whether every child was removed (kept on the timeline: a proposal made after a later link needs them). */
      childId?: string;
      allChildrenRemoved?: boolean;
    }
  | { kind: 'child-reunified'; caseId: string; removalId?: string; returnedOn: string }
  | { kind: 'case-plan-filed'; casePlanId: string; caseId: string; filedOn: string; planKind: 'initial' | 'update' | 'amendment' }
  | { kind: 'cft-meeting-held'; meetingId: string; caseId: string; heldOn: string; calworksWorkerInvited: boolean }
  | { kind: 'reunification-services-ordered'; caseId: string; orderedOn: string }
  | { kind: 'reunification-services-terminated'; caseId: string; terminatedOn: string }
  /** CalWORKs recorded the AU's status (`calworks.aided-status-recorded`). */
  | { kind: 'aided-status-recorded'; auId: string; status: Exclude<CalworksStatus, 'none'>; effectiveOn: string }
  | { kind: 'noncompliance-started'; episodeId: string; noticeIssuedOn: string }
  | { kind: 'good-cause-found'; episodeId: string; determinedOn: string }
  | { kind: 'sanction-imposed'; sanctionId: string; effectiveOn: string }
  | { kind: 'sanction-cured'; sanctionId: string; curedOn: string }
  | { kind: 'fr-aid-window-opened'; windowId: string; removalId: string; startsOn: string }
  | { kind: 'fr-aid-window-closed'; windowId: string; closedOn: string }
  /** CalWORKs confirmed the AU members of a removal (`calworks.removal-members-confirmed`): the AU change is made. */
  | { kind: 'removal-members-confirmed'; removalId: string; auId: string; confirmedAt: string }
  | { kind: 'wtw-plan-signed'; planId: string; signedOn: string }
  | { kind: 'supportive-service-changed'; serviceId: string; status: string }
  /** A family typed in by child welfare (`linkages.family-referred`, the cases no CWS event covers). */
  | {
      kind: 'family-referred';
      referralId: string;
      caseType: 'ER' | 'FM' | 'FR';
      childRemoved: boolean;
      removedOn?: string;
      calworksAided: boolean;
      referredAt: string;
    }
  /** A CalWORKs applicant referred for prevention, with the risk factors staff identified (codes). */
  | { kind: 'prevention-referred'; referralId: string; riskFactors: string[]; referredAt: string }
  /** Special-population facts the liaison recorded. */
  | { kind: 'special-population-facts'; homeless?: boolean; parentAgeBands?: ('child' | 'under-20' | '20-plus')[]; recordedAt: string };

export type CoordinationFactKind = CoordinationFact['kind'];

/** A fact as the inbox handler signals it: the event id (a redelivered event is ignored) and the fact. */
export interface FamilyFactSignal {
  eventId: string;
  fact: CoordinationFact;
}

/**
 * Shared families merged (one person found in both): the survivor's process hears the absorbed family's facts (read
 * from the timeline, each with its event id, so a fact it saw is skipped) and the tasks and meetings the absorbed
 * family's process held (handed over by that process when it stops; none when it never ran).
 */
export interface FamilyMergedSignal {
  /** The family-linked event of the merge. */
  eventId: string;
  mergedFamilyId: string;
  facts: FamilyFactSignal[];
  tasks: CoordinationTask[];
  meetings: CoordinationMeeting[];
}

/** To the absorbed family's process: it hands its tasks over to the survivor and forwards what still reaches it. */
export interface MergedIntoSignal {
  eventId: string;
  survivorFamilyId: string;
}

/** Signal names both the workflow and the clients (handlers, activities) use. */
export const coordinationSignalNames = {
  familyFact: 'coordinationFamilyFact',
  familyMerged: 'coordinationFamilyMerged',
  mergedInto: 'coordinationMergedInto',
} as const;
