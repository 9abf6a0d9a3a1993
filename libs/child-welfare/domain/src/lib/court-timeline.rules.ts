import type {
  CaseState,
  CaseType,
  ContinuanceBasis,
  DispositionOutcome,
  HearingType,
  ServicesTerminationBasis,
} from './child-welfare.types';
import { startOfDay } from './cws-dates';
import { refusal, type ClockOpening, type Refusal } from './refusal';

/** The dependency court timeline: what a removal and a petition start, and what each hearing may and does do. */

/** Which clock a hearing type satisfies (the FM review satisfies the latest open `fm-review-<n>`; the 24-month review none). */
export const hearingClocks: Readonly<Partial<Record<HearingType, string>>> = {
  detention: 'detention-hearing',
  jurisdiction: 'jurisdiction',
  'six-month-review': 'six-month-review',
  'twelve-month-permanency': 'twelve-month-permanency',
  'eighteen-month-review': 'eighteen-month-review',
  'section-366-26': 'section-366-26',
};

/** Family Maintenance reviews are numbered clocks: `fm-review-1`, `fm-review-2`… */
export const FM_REVIEW_PREFIX = 'fm-review-';

/** The clock a hearing of this type satisfies or continues; `currentFmReview` is the latest open FM review clock. */
export function hearingClock(type: HearingType, currentFmReview: string | undefined): string | undefined {
  return type === 'family-maintenance-review' ? currentFmReview : hearingClocks[type];
}

/** The next Family Maintenance review (WIC 364): numbered after every FM review clock the case ever had. */
export function nextFmReview(fmReviewsSoFar: number, from: string): ClockOpening {
  return { purpose: `${FM_REVIEW_PREFIX}${fmReviewsSoFar + 1}`, ruleId: 'cws.court.family-maintenance-review', startAt: startOfDay(from) };
}

/**
 * What a removal (detention) starts, from the removal instant: the petition (48 hours excluding non-court days), the
 * initial case plan (60 days), the first CFT meeting (60 days, 30 when ICWA applies to a child of the family) and
 * the entered-foster-care anchor (60 days). As today, ICWA is read from any child of the family.
 */
export function removalClocks(removedAt: string, icwa: boolean): ClockOpening[] {
  return [
    { purpose: 'petition-filing', ruleId: 'cws.court.petition-filing', startAt: removedAt },
    { purpose: 'initial-case-plan', ruleId: 'cws.case.initial-case-plan', startAt: removedAt },
    { purpose: 'first-cft', ruleId: icwa ? 'cws.case.first-cft-meeting-icwa' : 'cws.case.first-cft-meeting', startAt: removedAt },
    { purpose: 'entered-foster-care', ruleId: 'cws.court.entered-foster-care-anchor', startAt: removedAt },
  ];
}

/** A child is removed once at a time in a case. */
export function removalSequenceRefusal(alreadyRemoved: boolean): Refusal | undefined {
  return alreadyRemoved ? refusal('This child is already removed in this case') : undefined;
}

export function petitionRefusal(kase: Pick<CaseState, 'petitionFiledOn'>): Refusal | undefined {
  return kase.petitionFiledOn ? refusal('The petition was already filed') : undefined;
}

/** The petition (WIC 300) meets the 48-hour clock and starts the detention hearing (detained) or jurisdiction clock. */
export function petitionClocks(detained: boolean, filedAt: string): { satisfy: string; open: ClockOpening } {
  return {
    satisfy: 'petition-filing',
    open: detained
      ? { purpose: 'detention-hearing', ruleId: 'cws.court.detention-hearing', startAt: filedAt }
      : { purpose: 'jurisdiction', ruleId: 'cws.court.jurisdiction-not-detained', startAt: filedAt },
  };
}

export interface HearingInput {
  type: HearingType;
  /** YYYY-MM-DD. */
  heldOn: string;
  outcome: string;
  continuedTo?: string | undefined;
  continuanceBasis: ContinuanceBasis;
}

/** Checks every hearing passes, continued or not: after the petition (except an FM review) and not before the case. */
export function hearingPreconditionRefusal(
  kase: Pick<CaseState, 'petitionFiledOn' | 'openedOn'>,
  hearing: Pick<HearingInput, 'type' | 'heldOn'>,
): Refusal | undefined {
  if (!kase.petitionFiledOn && hearing.type !== 'family-maintenance-review') return refusal('No hearing before the petition is filed');
  if (hearing.heldOn < kase.openedOn) return refusal('A hearing cannot precede the case');
  return undefined;
}

/** The reason a continuance gives its deadline's new date. */
export const continuanceReason = (basis: ContinuanceBasis): string => `continuance-${basis}`;

/** A continuance moves an open deadline of the hearing; without one it is refused. */
export const noDeadlineToContinue = (type: HearingType): Refusal => refusal(`There is no open ${type} deadline to continue`);

/** What the use case does for a hearing held, in this order. */
export type HearingStep =
  | { do: 'satisfy'; purpose: string }
  | { do: 'open'; clock: ClockOpening }
  /** Opens `nextFmReview(<FM review clocks so far>, from)`. */
  | { do: 'open-next-fm-review'; from: string }
  | { do: 'cancel-all'; reasonCode: string; only: RegExp }
  | { do: 'terminate-services'; on: string; basis: ServicesTerminationBasis }
  | { do: 'close'; on: string; reason: 'other' }
  /** Every child still removed: parental rights terminated on that date, one event each. */
  | { do: 'terminate-parental-rights'; on: string }
  /** The initial case plan is due at disposition when that comes before its 60 days (`dueAtDisposition`). */
  | { do: 'initial-case-plan-due-at-disposition'; heldOn: string }
  /** Family reunification ordered: `reunificationOrder` over the case's removals. */
  | { do: 'order-reunification'; orderedOn: string };

export interface HearingPlan {
  /** The case's fields the hearing sets. */
  set: Partial<{ jurisdictionOn: string; dispositionOn: string; type: CaseType; dispositionOutcome: DispositionOutcome }>;
  steps: HearingStep[];
}

export interface HearingFacts {
  /** The detention hearing's clock is still open. */
  detentionHearingOpen: boolean;
  /** The latest open FM review clock, if any. */
  currentFmReview: string | undefined;
}

const dispositionOutcomes: readonly string[] = ['family-reunification', 'family-maintenance', 'bypass', 'dismissed'];

/**
 * A hearing held (not continued), given the case's state: refused when the timeline makes it impossible, otherwise
 * the plan (fields to set, clocks to satisfy, open and cancel) the use case carries out.
 */
export function hearingDecision(kase: CaseState, hearing: HearingInput, facts: HearingFacts): HearingPlan | Refusal {
  const { type, heldOn, outcome } = hearing;
  switch (type) {
    case 'detention': {
      if (!kase.detained) return refusal('A detention hearing is for a detained child');
      const steps: HearingStep[] = [{ do: 'satisfy', purpose: 'detention-hearing' }];
      // WIC 334: jurisdiction within 15 court days of the detention order when the child stays detained.
      if (outcome !== 'released')
        steps.push({
          do: 'open',
          clock: { purpose: 'jurisdiction', ruleId: 'cws.court.jurisdiction-detained', startAt: startOfDay(heldOn) },
        });
      return { set: {}, steps };
    }
    case 'jurisdiction': {
      if (kase.jurisdictionOn) return refusal('Jurisdiction was already decided');
      if (kase.detained && facts.detentionHearingOpen) return refusal('The detention hearing comes before jurisdiction');
      // Entered foster care: the earlier of jurisdiction and removal + 60 days (WIC 361.49), so jurisdiction meets its anchor.
      const steps: HearingStep[] = [
        { do: 'satisfy', purpose: 'jurisdiction' },
        { do: 'satisfy', purpose: 'entered-foster-care' },
      ];
      if (outcome === 'dismissed') steps.push({ do: 'close', on: heldOn, reason: 'other' });
      return { set: { jurisdictionOn: heldOn }, steps };
    }
    case 'disposition': {
      if (!kase.jurisdictionOn) return refusal('Disposition cannot come before jurisdiction');
      if (kase.dispositionOn) return refusal('Disposition was already ordered');
      if (!dispositionOutcomes.includes(outcome))
        return refusal(`A disposition orders family-reunification, family-maintenance, bypass or dismissed, not ${outcome}`);
      const first: HearingStep = { do: 'initial-case-plan-due-at-disposition', heldOn };
      if (outcome === 'family-reunification')
        return { set: { dispositionOn: heldOn }, steps: [first, { do: 'order-reunification', orderedOn: heldOn }] };
      if (outcome === 'family-maintenance')
        return {
          set: { dispositionOn: heldOn, type: 'family-maintenance-court', dispositionOutcome: 'family-maintenance' },
          steps: [first, { do: 'open-next-fm-review', from: heldOn }],
        };
      if (outcome === 'bypass')
        return {
          set: { dispositionOn: heldOn, dispositionOutcome: 'bypass' },
          steps: [first, { do: 'terminate-services', on: heldOn, basis: 'bypass-at-disposition' }],
        };
      return {
        set: { dispositionOn: heldOn, dispositionOutcome: 'dismissed' },
        steps: [first, { do: 'close', on: heldOn, reason: 'other' }],
      };
    }
    case 'six-month-review':
    case 'twelve-month-permanency':
    case 'eighteen-month-review':
    case 'twenty-four-month-review': {
      if (kase.type !== 'family-reunification') return refusal('Reunification reviews are for family-reunification cases');
      const clock = hearingClocks[type];
      const steps: HearingStep[] = clock ? [{ do: 'satisfy', purpose: clock }] : [];
      if (outcome === 'services-terminated') steps.push({ do: 'terminate-services', on: heldOn, basis: 'review-hearing' });
      if (outcome === 'returned-home') steps.push({ do: 'cancel-all', reasonCode: 'returned-home', only: /review|permanency|366-26/ });
      return { set: {}, steps };
    }
    case 'family-maintenance-review': {
      if (!kase.type.startsWith('family-maintenance')) return refusal('Family Maintenance reviews are for Family Maintenance cases');
      const steps: HearingStep[] = facts.currentFmReview ? [{ do: 'satisfy', purpose: facts.currentFmReview }] : [];
      if (outcome !== 'fm-terminated') steps.push({ do: 'open-next-fm-review', from: heldOn });
      return { set: {}, steps };
    }
    case 'section-366-26': {
      const steps: HearingStep[] = [{ do: 'satisfy', purpose: 'section-366-26' }];
      if (outcome === 'parental-rights-terminated') steps.push({ do: 'terminate-parental-rights', on: heldOn });
      return { set: {}, steps };
    }
  }
}

/** Services end (review or bypass): the later reviews stop; a .26 hearing within 120 days (WIC 366.21, 361.5(f)). */
export function servicesTermination(on: string): {
  set: { servicesTerminatedOn: string };
  cancelAll: { reasonCode: string; only: RegExp };
  open: ClockOpening;
} {
  return {
    set: { servicesTerminatedOn: on },
    cancelAll: { reasonCode: 'services-terminated', only: /review|permanency/ },
    open: { purpose: 'section-366-26', ruleId: 'cws.court.section-366-26-after-bypass', startAt: startOfDay(on) },
  };
}
