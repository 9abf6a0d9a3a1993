import type { Agency, DisclosureDecision, FieldClass } from '@linkages/platform-access';
import type { PlanActivity } from './coordinated-plan';

/**
 * What a signed authorization can name beyond its field categories. 42 CFR 2.31(a)(3) requires a consent to disclose
 * substance-use-disorder records to say how much and what kind of SUD information it releases: a consent that only
 * releases "CWS case details" does not name them, so it does not release them.
 */
export const consentScopes = ['substance-use-records'] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** A recorded authority as the plan weighs it: the row's kind, categories and (consents) scopes. */
export interface PlanAuthority {
  id: string;
  kind: 'consent' | 'mdt';
  categories: readonly string[];
  scopes: readonly string[];
}

/**
 * A CWS type code that names substance-use treatment, assessment or testing (42 CFR Part 2 records). Deliberately wide:
 * a code that mentions substances, alcohol or drugs is treated as SUD (a false "SUD" only hides more).
 */
const SUBSTANCE_USE = /(^|-)(substance|sud|alcohol|drug|drugs|aod|opioid|methadone|detox|narcotics)(-|$)/;
export const isSubstanceUseType = (typeCode: string): boolean => SUBSTANCE_USE.test(typeCode);

/** The legal basis an item of the plan was shown (or masked) on. */
export type PlanItemBasis = 'own-agency' | 'consent' | 'mdt' | 'wic-10850';
/** Why a CWS activity's treatment category was withheld from a CalWORKs caller. */
export type PlanWithheldReason = 'no-detail-authority' | 'no-substance-use-consent';

/** How one activity is shown: whole, or only as a schedule block (times, dates, hours, needs) under WIC 10850. */
export interface ActivityDisclosure {
  shown: 'whole' | 'schedule';
  basis: PlanItemBasis;
  /** The authority relied on to show it whole (consent or MDT), if any. */
  authorityId: string | null;
  withheld: PlanWithheldReason | null;
  /** The field classes to redact the activity with (`detail` only when shown whole). */
  classes: FieldClass[];
}

/** What the caller's recorded authorities cover in the plan, decided once per read. */
export interface PlanDisclosurePolicy {
  viewer: Agency;
  classes: FieldClass[];
  /** The active authority that releases CWS details to this caller (a consent first, else an MDT membership). */
  detail: { id: string; kind: 'consent' | 'mdt' } | null;
  /** The active consent that releases CWS details and names substance-use records (42 CFR 2.31). */
  substanceUse: string | null;
}

/**
 * The plan's disclosure rule over the sharing policy's decision (`decideCwsDisclosure`: county, agency, active,
 * MDT membership) and the family's authority rows (their scopes). Only the authorities the decision relied on count:
 * an expired, revoked, other county's or other member's authority is not among `decision.authorityIds`.
 */
export function planDisclosurePolicy(
  viewer: Agency,
  decision: Pick<DisclosureDecision, 'classes' | 'authorityIds'>,
  authorities: readonly PlanAuthority[],
): PlanDisclosurePolicy {
  const relied = decision.authorityIds
    .map((id) => authorities.find((a) => a.id === id))
    .filter((a): a is PlanAuthority => a !== undefined && a.categories.includes('detail'));
  const detailBy = relied.find((a) => a.kind === 'consent') ?? relied.find((a) => a.kind === 'mdt');
  const sud = relied.find((a) => a.kind === 'consent' && a.scopes.includes('substance-use-records'));
  return {
    viewer,
    classes: [...decision.classes],
    detail: detailBy && decision.classes.includes('detail') ? { id: detailBy.id, kind: detailBy.kind } : null,
    substanceUse: sud && decision.classes.includes('detail') ? sud.id : null,
  };
}

/**
 * How one activity of the plan is shown to the caller:
 * - child-welfare staff see their agency's activities whole (WIC 827(a)(1)(B)), and CalWORKs' (WIC 10850);
 * - CalWORKs staff see their own agency's activities whole;
 * - CalWORKs staff see a CWS activity's treatment category (type, title, place, kind) and its WTW-count mark only under
 *   a recorded consent or MDT membership releasing CWS details; a substance-use item only under a consent that names
 *   substance-use records (42 CFR 2.31; an MDT membership is not such a consent). Otherwise, the WIC 10850 minimum: the
 *   schedule block (days, times, dates, weekly hours, child-care and transport needs), so conflicts stay actionable.
 */
export function activityDisclosure(policy: PlanDisclosurePolicy, activity: Pick<PlanActivity, 'agency' | 'typeCode'>): ActivityDisclosure {
  const whole = (basis: PlanItemBasis, authorityId: string | null): ActivityDisclosure => ({
    shown: 'whole',
    basis,
    authorityId,
    withheld: null,
    classes: policy.classes,
  });
  if (policy.viewer === 'cws') return whole(activity.agency === 'cws' ? 'own-agency' : 'wic-10850', null);
  if (activity.agency === 'calworks') return whole(policy.viewer === 'calworks' ? 'own-agency' : 'wic-10850', null);
  if (isSubstanceUseType(activity.typeCode))
    return policy.substanceUse ? whole('consent', policy.substanceUse) : masked('no-substance-use-consent', policy);
  return policy.detail ? whole(policy.detail.kind, policy.detail.id) : masked('no-detail-authority', policy);
}

const masked = (withheld: PlanWithheldReason, policy: PlanDisclosurePolicy): ActivityDisclosure => ({
  shown: 'schedule',
  basis: 'wic-10850',
  authorityId: null,
  withheld,
  classes: policy.classes.filter((c) => c !== 'detail'),
});

/** A conflict is shown whole when every activity it names is; otherwise masked (its reason in neutral words). */
export function conflictShown(activityIds: readonly string[], shownOf: (id: string) => ActivityDisclosure['shown'] | undefined) {
  return activityIds.every((id) => shownOf(id) === 'whole') ? ('whole' as const) : ('masked' as const);
}

/**
 * A conflict's reason with the CWS activities' kinds in neutral words ("a CWS activity"): the reasons are built from
 * kinds, days and hours only (`conflictsOf`), so the kind phrases are all there is to mask.
 */
export function maskedConflictReason(reason: string): string {
  return reason
    .replace(/\b([Aa]) (court-ordered service|CWS case-plan activity)\b/g, '$1 CWS activity')
    .replace(/\bcourt-ordered or case-plan services\b/g, 'CWS activities')
    .replace(/\bthe court-ordered services\b/g, 'the CWS activities');
}

/** The counts a plan read records in its audit (how much was withheld and on which basis; no content). */
export interface PlanDisclosureSummary {
  bases: Partial<Record<PlanItemBasis, number>>;
  withheld: { activities: number; substanceUse: number; candidates: number; conflicts: number };
  authorityIds: string[];
}

export function planDisclosureSummary(
  activities: readonly (ActivityDisclosure & { candidate: boolean })[],
  conflicts: readonly ('whole' | 'masked')[],
): PlanDisclosureSummary {
  const bases: Partial<Record<PlanItemBasis, number>> = {};
  for (const a of activities) bases[a.basis] = (bases[a.basis] ?? 0) + 1;
  const hidden = activities.filter((a) => a.shown === 'schedule');
  return {
    bases,
    withheld: {
      activities: hidden.length,
      substanceUse: hidden.filter((a) => a.withheld === 'no-substance-use-consent').length,
      candidates: hidden.filter((a) => a.candidate).length,
      conflicts: conflicts.filter((c) => c === 'masked').length,
    },
    authorityIds: [...new Set(activities.flatMap((a) => (a.authorityId ? [a.authorityId] : [])))].sort(),
  };
}
