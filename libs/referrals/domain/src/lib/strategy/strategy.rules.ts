import type { LinkagesCountySettings } from './linkages-settings';
import type { CalworksStatus, CaseStage, CwsCaseType, PlacementReason, Strategy, Track } from './strategy.vocabulary';

// Where a shared family belongs among the Linkages strategies (issue 13 item 3; plan §5), from what both agencies
// told referrals about it. Pure: the coordination process keeps the facts and asks again after each one, so the
// placement follows the CWS case as it moves (ER → FM or FR → after-care → closed).

export interface CwsCaseFact {
  caseId: string;
  caseType: CwsCaseType;
  openedOn: string;
  closedOn?: string;
}

export interface FamilyFacts {
  /** The family's CWS cases, as `case-opened` / `case-closed` told them. */
  cases: CwsCaseFact[];
  /** Accepted ER referrals (`referral-accepted`): an investigation or differential response is under way. */
  erReferrals: { referralId: string; acceptedAt: string }[];
  /** The latest hotline report evaluated out (`referral-evaluated-out`), AB 2085 poverty-only included. */
  evaluatedOut?: { referralId: string; evaluatedOutAt: string; povertyOnly: boolean; referToServices: boolean; familyConsents: boolean };
  calworks: { status: CalworksStatus; since?: string };
  /** A WTW sanction is in effect (sanction-imposed, not cured). */
  sanctioned: boolean;
  /** A WTW noncompliance episode is open (noncompliance-started, not resolved). */
  noncomplianceOpen: boolean;
  /** Risk factors CalWORKs staff recorded (prevention referral), as codes. */
  riskFactors: string[];
  /** Special-population facts (recorded by the liaison or from the agencies' facts). */
  special: { homeless: boolean; parentAgeBands: ('child' | 'under-20' | '20-plus')[] };
}

export const emptyFamilyFacts = (): FamilyFacts => ({
  cases: [],
  erReferrals: [],
  calworks: { status: 'none' },
  sanctioned: false,
  noncomplianceOpen: false,
  riskFactors: [],
  special: { homeless: false, parentAgeBands: [] },
});

export interface Placement {
  /** Null: the family is in no strategy (nothing places it, or its CWS case closed and nothing else does). */
  strategy: Strategy | null;
  /** Extra tracks beside the strategy (special populations for an FR family). */
  tracks: Track[];
  reasons: PlacementReason[];
  caseStage: CaseStage;
  /** The instant of the fact the placement was computed at. */
  since: string;
}

const isFm = (t: CwsCaseType) => t === 'family-maintenance-court' || t === 'family-maintenance-voluntary';
const dateOf = (iso: string) => iso.slice(0, 10);

/** The case stage: the most advanced open case (FR over FM over after-care over ER), else an active ER referral, else closed. */
export function caseStageOf(facts: Pick<FamilyFacts, 'cases' | 'erReferrals'>): CaseStage {
  const open = facts.cases.filter((c) => !c.closedOn);
  if (open.some((c) => c.caseType === 'family-reunification')) return 'fr';
  if (open.some((c) => isFm(c.caseType))) return 'fm';
  if (open.some((c) => c.caseType === 'after-care')) return 'after-care';
  if (open.some((c) => c.caseType === 'emergency-response')) return 'er';
  // An accepted referral with no case opened or closed since it: the ER investigation is still under way.
  const lastCaseEvent = facts.cases.reduce((m, c) => [m, c.openedOn, c.closedOn ?? ''].sort().at(-1) ?? m, '');
  if (facts.erReferrals.some((r) => dateOf(r.acceptedAt) > lastCaseEvent)) return 'er';
  return facts.cases.length > 0 ? 'closed' : 'none';
}

/** The special-population criteria the county uses that the family meets. */
export function specialPopulationReasons(facts: FamilyFacts, settings: LinkagesCountySettings): PlacementReason[] {
  const c = settings.specialPopulations;
  const reasons: PlacementReason[] = [];
  if (c.homeless && facts.special.homeless) reasons.push('homeless');
  if (c.sanctioned && facts.sanctioned) reasons.push('sanctioned');
  if (c.teenParent && facts.special.parentAgeBands.includes(c.teenParentAgeBand)) reasons.push('teen-parent');
  return reasons;
}

/**
 * The family's strategy, first match wins: an FR case with CalWORKs serving → intervention-fr; an FM case (or
 * after-care) → intervention-fm; an ER referral or case on an aided AU → intervention-er; a report evaluated out
 * (AB 2085 poverty-only included) referred to services, on a family CalWORKs serves → prevention-early-intervention
 * or, not served but consenting → benefit-access; an applicant with risk factors and no open CWS case →
 * prevention-early-intervention; an applicant → prevention-information. Special populations (county criteria) are
 * an extra track, or the strategy when nothing else places the family.
 */
export function placeInStrategy(facts: FamilyFacts, settings: LinkagesCountySettings, at: string): Placement {
  const caseStage = caseStageOf(facts);
  const status = facts.calworks.status;
  const serving = status === 'applicant' || status === 'aided';
  const servingReason: PlacementReason = status === 'aided' ? 'calworks-aided' : 'calworks-applicant';
  const openCws = caseStage === 'er' || caseStage === 'fm' || caseStage === 'fr' || caseStage === 'after-care';
  const main = ((): { strategy: Strategy; reasons: PlacementReason[] } | undefined => {
    if (caseStage === 'fr' && serving) return { strategy: 'intervention-fr', reasons: ['fr-case-open', servingReason] };
    if (caseStage === 'fm' && serving) return { strategy: 'intervention-fm', reasons: ['fm-case-open', servingReason] };
    if (caseStage === 'after-care' && serving) return { strategy: 'intervention-fm', reasons: ['after-care-case-open', servingReason] };
    if (caseStage === 'er' && status === 'aided') {
      const erCase = facts.cases.some((c) => !c.closedOn && c.caseType === 'emergency-response');
      return { strategy: 'intervention-er', reasons: [erCase ? 'er-case-open' : 'er-referral-accepted', 'calworks-aided'] };
    }
    const out = facts.evaluatedOut;
    if (out && !openCws && (out.referToServices || out.povertyOnly)) {
      const because: PlacementReason[] = ['evaluated-out', ...(out.povertyOnly ? (['poverty-only-ab2085'] as const) : [])];
      if (serving) return { strategy: 'prevention-early-intervention', reasons: [...because, 'calworks-serving'] };
      if (out.familyConsents) return { strategy: 'benefit-access', reasons: [...because, 'family-consents'] };
    }
    if (status === 'applicant' && facts.riskFactors.length > 0 && !openCws)
      return { strategy: 'prevention-early-intervention', reasons: ['calworks-applicant', 'risk-factors-identified', 'no-open-cws-case'] };
    if (status === 'applicant') return { strategy: 'prevention-information', reasons: ['calworks-applicant'] };
    return undefined;
  })();
  const special = specialPopulationReasons(facts, settings);
  if (main)
    return {
      strategy: main.strategy,
      tracks: special.length > 0 ? ['special-populations'] : [],
      reasons: [...main.reasons, ...special],
      caseStage,
      since: at,
    };
  if (special.length > 0 && (serving || openCws))
    return { strategy: 'special-populations', tracks: [], reasons: special, caseStage, since: at };
  return { strategy: null, tracks: [], reasons: [], caseStage, since: at };
}

/** The enrollment the family is in (the current row). */
export interface CurrentEnrollment {
  enrollmentId: string;
  strategy: Strategy;
  tracks: Track[];
  caseStage: CaseStage;
}

/**
 * What a new placement does to the current enrollment: `start` one (none yet), `supersede` it (strategy, tracks or
 * case stage changed: the old row ends, the new one points back), `end` it (no strategy any more), or `keep` it.
 */
export function enrollmentChange(current: CurrentEnrollment | undefined, next: Placement): 'start' | 'supersede' | 'end' | 'keep' {
  if (!current) return next.strategy ? 'start' : 'keep';
  if (!next.strategy) return 'end';
  const same =
    current.strategy === next.strategy &&
    current.caseStage === next.caseStage &&
    current.tracks.length === next.tracks.length &&
    current.tracks.every((t) => next.tracks.includes(t));
  return same ? 'keep' : 'supersede';
}
