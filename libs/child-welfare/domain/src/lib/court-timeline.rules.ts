import type {
  CaseState,
  CaseType,
  ContinuanceBasis,
  DispositionOutcome,
  HearingType,
  ServicesTerminationBasis,
} from './child-welfare.types';
import { INITIAL_CASE_PLAN } from './case-plan.rules';
import { FIRST_CFT } from './case-lifecycle.rules';
import { startOfDay } from './cws-dates';
import { refusal, type ClockOpening, type Refusal } from './refusal';
import { SIX_MONTH_REVIEW_LIMIT } from './reunification.rules';

/** The dependency court timeline: what a removal and a petition start, and what each hearing may and does do. */

/** Which clock a hearing type satisfies (the FM review satisfies the latest open `fm-review-<n>`; the 24-month review none). */
export const hearingClocks: Readonly<Partial<Record<HearingType, string>>> = {
  detention: 'detention-hearing',
  jurisdiction: 'jurisdiction',
  disposition: 'disposition',
  'six-month-review': 'six-month-review',
  'twelve-month-permanency': 'twelve-month-permanency',
  'eighteen-month-review': 'eighteen-month-review',
  'section-366-26': 'section-366-26',
};

/** The disposition hearing's clocks: WIC 358(a) (continued from the jurisdiction finding) and the WIC 352(b) outer limits. */
export const DISPOSITION = 'disposition';
export const DISPOSITION_OUTER_LIMIT = 'disposition-outer-limit';
export const DISPOSITION_SIX_MONTH_LIMIT = 'disposition-six-month-limit';

/**
 * What the jurisdiction finding starts for the disposition hearing (RULES.md 2):
 * - WIC 358(a): disposition within 10 court days of the finding when the child is detained, 30 days when not;
 * - WIC 352(b), a removed child: completed within 60 days after the detention hearing (unless the court finds a
 *   longer continuance in the child's best interest) and never more than 6 months after it, both counted from the
 *   detention hearing's date (opened now, with that start, when one was held).
 * The disposition hearing meets all three; a continuance moves the WIC 358(a) clock only.
 */
export function dispositionClocks(detained: boolean, jurisdictionOn: string, detentionHearingOn: string | undefined): ClockOpening[] {
  const clocks: ClockOpening[] = [
    {
      purpose: DISPOSITION,
      ruleId: detained ? 'cws.court.disposition-detained' : 'cws.court.disposition-not-detained',
      startAt: startOfDay(jurisdictionOn),
    },
  ];
  if (detained && detentionHearingOn)
    clocks.push(
      { purpose: DISPOSITION_OUTER_LIMIT, ruleId: 'cws.court.disposition-outer-limit', startAt: startOfDay(detentionHearingOn) },
      { purpose: DISPOSITION_SIX_MONTH_LIMIT, ruleId: 'cws.court.disposition-six-month-limit', startAt: startOfDay(detentionHearingOn) },
    );
  return clocks;
}

/**
 * WIC 352(b): "in no event" may continuances make the disposition hearing complete more than 6 months after the
 * detention hearing, so a continuance past that limit (the open `disposition-six-month-limit` clock's date) is refused.
 * The 60-day limit is left to the court (it may find a longer continuance in the child's best interest).
 */
export function continuanceLimitRefusal(
  type: HearingType,
  continuedTo: string,
  sixMonthLimit: string | null | undefined,
): Refusal | undefined {
  if (type !== 'disposition' || !sixMonthLimit || continuedTo <= sixMonthLimit) return undefined;
  return refusal(`WIC 352(b): the disposition hearing cannot be continued past ${sixMonthLimit}, 6 months after the detention hearing`);
}

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
  /**
   * Each clock of `purposes` still open is due at disposition when that comes before its own date (`dueAtDisposition`):
   * the initial case plan (WIC 16501.1) and the first CFT meeting (WIC 16501(a)(4), ACL 22-35), "whichever is first".
   */
  | { do: 'due-at-disposition'; heldOn: string; purposes: readonly string[] }
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
  /** The date the detention hearing was held (not continued), if it was (read for jurisdiction). */
  detentionHearingOn?: string | undefined;
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
      else for (const clock of dispositionClocks(kase.detained, heldOn, facts.detentionHearingOn)) steps.push({ do: 'open', clock });
      return { set: { jurisdictionOn: heldOn }, steps };
    }
    case 'disposition': {
      if (!kase.jurisdictionOn) return refusal('Disposition cannot come before jurisdiction');
      if (kase.dispositionOn) return refusal('Disposition was already ordered');
      if (!dispositionOutcomes.includes(outcome))
        return refusal(`A disposition orders family-reunification, family-maintenance, bypass or dismissed, not ${outcome}`);
      const first: HearingStep[] = [
        { do: 'satisfy', purpose: DISPOSITION },
        { do: 'satisfy', purpose: DISPOSITION_OUTER_LIMIT },
        { do: 'satisfy', purpose: DISPOSITION_SIX_MONTH_LIMIT },
        { do: 'due-at-disposition', heldOn, purposes: [INITIAL_CASE_PLAN, FIRST_CFT] },
      ];
      if (outcome === 'family-reunification')
        return { set: { dispositionOn: heldOn }, steps: [...first, { do: 'order-reunification', orderedOn: heldOn }] };
      if (outcome === 'family-maintenance')
        return {
          set: { dispositionOn: heldOn, type: 'family-maintenance-court', dispositionOutcome: 'family-maintenance' },
          steps: [...first, { do: 'open-next-fm-review', from: heldOn }],
        };
      if (outcome === 'bypass')
        return {
          set: { dispositionOn: heldOn, dispositionOutcome: 'bypass' },
          steps: [...first, { do: 'terminate-services', on: heldOn, basis: 'bypass-at-disposition' }],
        };
      return {
        set: { dispositionOn: heldOn, dispositionOutcome: 'dismissed' },
        steps: [...first, { do: 'close', on: heldOn, reason: 'other' }],
      };
    }
    case 'six-month-review':
    case 'twelve-month-permanency':
    case 'eighteen-month-review':
    case 'twenty-four-month-review': {
      if (kase.type !== 'family-reunification') return refusal('Reunification reviews are for family-reunification cases');
      const clock = hearingClocks[type];
      const steps: HearingStep[] = clock ? [{ do: 'satisfy', purpose: clock }] : [];
      // WIC 366.21(e): the 6-month review meets its 12-months-after-foster-care limit as well.
      if (type === 'six-month-review') steps.push({ do: 'satisfy', purpose: SIX_MONTH_REVIEW_LIMIT });
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

/**
 * The .26 hearing's rule when services end: within 120 days of a disposition without services (WIC 361.5(f),
 * confirmed); within 120 days of termination at a later review (WIC 366.21/366.22), a use RULES.md 2 marks
 * unconfirmed, so it has its own configurable rule.
 */
export const section36626Rule = (basis: ServicesTerminationBasis): string =>
  basis === 'bypass-at-disposition' ? 'cws.court.section-366-26-after-bypass' : 'cws.court.section-366-26-after-termination';

/** Services end (review or bypass): the later reviews stop; a .26 hearing within 120 days (section36626Rule). */
export function servicesTermination(
  on: string,
  basis: ServicesTerminationBasis,
): {
  set: { servicesTerminatedOn: string };
  cancelAll: { reasonCode: string; only: RegExp };
  open: ClockOpening;
} {
  return {
    set: { servicesTerminatedOn: on },
    cancelAll: { reasonCode: 'services-terminated', only: /review|permanency/ },
    open: { purpose: 'section-366-26', ruleId: section36626Rule(basis), startAt: startOfDay(on) },
  };
}
