import { DateTime } from 'luxon';
import { FR_GO_LIVE, FR_ZONE, type CaretakerRole, type FrCloseReason, type FrRefusal } from './fr-window.vocabulary';

// Pure decisions of the FR aid process (RULES.md 4). Sandbox-safe: the workflow calls them.

/** What the eligibility worker confirmed about the AU when the children were removed (ids and flags only). */
export interface FrEligibilityFacts {
  /** Every CalWORKs-eligible child of the AU is removed (child welfare's allChildrenRemoved). */
  allChildrenRemoved: boolean;
  /** The AU was aided when the children were removed. */
  auAidedAtRemoval: boolean;
  /** Who the adult in reunification is to the children. */
  caretakerRole: CaretakerRole;
  /** The adult is a needy member of the AU (a non-needy caretaker relative is not). */
  caretakerNeedy: boolean;
  /** The parent was sanctioned in Welfare-to-Work at removal. */
  parentWtwSanctioned: boolean;
}

/** AB 429's exclusions, as the eligibility worker records them. */
export interface Ab429Exclusions {
  ssiRecipient: boolean;
  undocumentedNoncitizen: boolean;
  fleeingFelon: boolean;
  timeOnAidLimitReached: boolean;
}

const eligibilitySource = 'RULES.md 4, "Eligibility conditions" (ACL 25-05; Santa Clara FR overview)';

/**
 * Whether an AB 135 window may be granted for this removal: all CalWORKs-eligible children removed, the AU aided at
 * removal (unless the parent was WTW-sanctioned), and not a non-needy caretaker relative. Undefined: eligible.
 */
export function ab135Refusal(f: FrEligibilityFacts): FrRefusal | undefined {
  if (!f.allChildrenRemoved)
    return {
      code: 'not-all-children-removed',
      reason: `FR aid needs every CalWORKs-eligible child removed; a child is still in the home (${eligibilitySource})`,
    };
  if (f.caretakerRole === 'caretaker-relative' && !f.caretakerNeedy)
    return {
      code: 'non-needy-caretaker-relative',
      reason: `Non-needy caretaker relatives are not eligible for FR aid (${eligibilitySource})`,
    };
  if (!f.auAidedAtRemoval && !f.parentWtwSanctioned)
    return {
      code: 'au-not-aided-at-removal',
      reason: `No FR aid when no parent was aided at removal, except a WTW-sanctioned parent (${eligibilitySource})`,
    };
  return undefined;
}

const ab429Source = 'RULES.md 4, "AB 429 exclusions" (Santa Clara AB 429 page)';

/**
 * Whether AB 429 services may continue for the parent in reunification: the AU aided at removal (a sanctioned
 * parent may join at once, however long sanctioned), none of the exclusions. Undefined: services continue.
 */
export function ab429Refusal(f: FrEligibilityFacts, x: Ab429Exclusions): FrRefusal | undefined {
  if (x.ssiRecipient) return { code: 'ssi-recipient', reason: `SSI recipients are not eligible for AB 429 services (${ab429Source})` };
  if (x.undocumentedNoncitizen)
    return { code: 'undocumented-noncitizen', reason: `Undocumented noncitizens are not eligible for AB 429 services (${ab429Source})` };
  if (x.fleeingFelon) return { code: 'fleeing-felon', reason: `Fleeing felons are not eligible for AB 429 services (${ab429Source})` };
  if (x.timeOnAidLimitReached)
    return {
      code: 'time-on-aid-limit-reached',
      reason: `Parents past the CalWORKs time-on-aid limit are not eligible for AB 429 services (${ab429Source})`,
    };
  if (f.caretakerRole === 'caretaker-relative' && !f.caretakerNeedy)
    return { code: 'non-needy-caretaker-relative', reason: `Non-needy caretaker relatives are not eligible (${eligibilitySource})` };
  if (!f.auAidedAtRemoval && !f.parentWtwSanctioned)
    return {
      code: 'au-not-aided-at-removal',
      reason: `AB 429 needs the AU aided at removal; a sanctioned parent may join at once (${ab429Source})`,
    };
  return undefined;
}

const valid = (value: string | null, what: string): string => {
  if (value === null) throw new Error(`Not a valid date or instant: ${what}`);
  return value;
};

/** The California date of an instant. */
export const frDateOf = (instant: string): string => valid(DateTime.fromISO(instant, { zone: FR_ZONE }).toISODate(), instant);

/** The first instant of a California date. */
export const frStartOfDay = (date: string): string => valid(DateTime.fromISO(date, { zone: FR_ZONE }).startOf('day').toISO(), date);

/** The California date after a date. */
export const frDayAfter = (date: string): string => valid(DateTime.fromISO(date, { zone: FR_ZONE }).plus({ days: 1 }).toISODate(), date);
const later = (a: string, b: string) => (a >= b ? a : b);

export interface WindowStartInput {
  /** The temporary-absence clock's due instant (the last instant of the absence month). */
  temporaryAbsenceDueAt: string;
  /** The date of the case plan that recommends cash aid. */
  recommendedOn: string;
  /** 'update': an amended plan (the six months start on the amendment date, RULES.md 4). */
  planKind: 'initial' | 'update';
}

export interface WindowStart {
  startsOn: string;
  /** The instant the window's clock starts from (the start of `startsOn` in California). */
  startAt: string;
  /** Which fact set the date, in words, for the explanation the API shows. */
  because: string[];
}

/**
 * The grant date of the AB 135 window (the clock calworks.fr.ab135-window counts six full months from it, a prorated
 * first month not counted). Interpretation of RULES.md 4: FR aid follows the one month of temporary absence ("Start
 * sequence"), so the grant is the later of the day after the absence month and the date of the plan recommending
 * cash aid; for a plan amended on or after the go-live the six months start on the amendment date, which is that
 * plan date; never before the 1 Jan 2025 go-live.
 */
export function windowStartOf(input: WindowStartInput): WindowStart {
  const afterAbsence = frDayAfter(frDateOf(input.temporaryAbsenceDueAt));
  const because: string[] = [];
  let startsOn = later(afterAbsence, input.recommendedOn);
  if (startsOn === input.recommendedOn && input.recommendedOn > afterAbsence)
    because.push(
      input.planKind === 'update'
        ? `Starts on the amendment date of the reunification plan recommending cash aid, ${input.recommendedOn} (ACL 25-05: plans amended on or after 1 Jan 2025)`
        : `Starts on the date of the reunification plan recommending cash aid, ${input.recommendedOn}, after the temporary-absence month`,
    );
  else
    because.push(
      `Starts the day after the one month of temporary absence, ${afterAbsence} (ACL 25-05: FR aid follows the temporary-absence month); the plan recommending cash aid is dated ${input.recommendedOn}`,
    );
  if (startsOn < FR_GO_LIVE) {
    startsOn = FR_GO_LIVE;
    because.push(`No FR cash aid before the 1 Jan 2025 go-live (ACL 25-05): starts on ${FR_GO_LIVE}`);
  }
  because.push(
    startsOn.endsWith('-01')
      ? 'Starts on the 1st: its month is the first of the six full calendar months'
      : 'Does not start on the 1st: its month is prorated and not counted; six full calendar months follow (ACL 25-05)',
  );
  return { startsOn, startAt: frStartOfDay(startsOn), because };
}

/** What a county decides where the law is unconfirmed (RULES.md 4, "What ends the window"; RULES.md 8.5). */
export interface FrCountySettings {
  /** Reunification services terminated ends the window. Default true: inferred from WIC 11203(b)(3). */
  closesOnServicesTerminated: boolean;
  /** Parental rights terminated ends the window. Default true: inferred from WIC 11203(b)(3). */
  closesOnParentalRightsTerminated: boolean;
  /**
   * How many days past the AB 429 period child welfare's good cause may continue the services. Default 180: LA
   * describes the period as "6 months + up to 6 more" (RULES.md 4, "AB 429 services-only FR": county practice); the
   * state text says only "with good cause granted by CWS", so a county sets its own limit.
   */
  ab429GoodCauseMaxDays: number;
}

/**
 * Default: both end the window, because WIC 11203(b)(3) (the county found aid necessary for reunification) is no
 * longer met once reunification ends. Unconfirmed (the ACL 25-05 text was not retrieved): a county may turn either off.
 */
export const defaultFrCountySettings: FrCountySettings = {
  closesOnServicesTerminated: true,
  closesOnParentalRightsTerminated: true,
  ab429GoodCauseMaxDays: 180,
};

/** County overrides (FIPS code → settings); empty: every county on the default. */
export const frCountySettings: Readonly<Record<string, Partial<FrCountySettings>>> = {};

export const frSettingsFor = (countyCode: string): FrCountySettings => ({ ...defaultFrCountySettings, ...frCountySettings[countyCode] });

/** A child welfare fact that may end an open window. */
export type FrEndingFact =
  | { kind: 'child-reunified'; trialHomeVisit: boolean }
  | { kind: 'services-terminated' }
  | { kind: 'parental-rights-terminated' }
  | { kind: 'case-closed' }
  | { kind: 'window-ended' };

/** Whether the fact closes the window, and why. A trial home visit does not (RULES.md 4, "Temporary absence change"). */
export function closeReasonOf(fact: FrEndingFact, settings: FrCountySettings): FrCloseReason | undefined {
  switch (fact.kind) {
    case 'child-reunified':
      return fact.trialHomeVisit ? undefined : 'returned-home';
    case 'services-terminated':
      return settings.closesOnServicesTerminated ? 'services-terminated' : undefined;
    case 'parental-rights-terminated':
      return settings.closesOnParentalRightsTerminated ? 'parental-rights-terminated' : undefined;
    case 'case-closed':
      return 'case-closed';
    case 'window-ended':
      return 'window-ended';
  }
}

/**
 * The AB 429 redetermination is due every 6 months and aligned with child welfare's reunification-plan review
 * (calworks.fr.ab429-redetermination): when the review is earlier than the six months, the clock moves to it.
 */
export function redeterminationAlignment(sixMonthDueDate: string, cwsReviewBy: string | undefined, today: string): string | undefined {
  if (!cwsReviewBy || cwsReviewBy >= sixMonthDueDate || cwsReviewBy < today) return undefined;
  return cwsReviewBy;
}

const beyondSource = 'RULES.md 4, "Services beyond 6 months" (ACL 25-05; Santa Clara)';

export interface Ab429GoodCauseInput {
  /** The last day of the AB 429 period (the calworks.fr.ab429-services clock's due date). */
  periodEndsOn: string;
  grantedOn: string;
  continuesThrough: string;
  /** When the services ended, if they have. */
  endedOn?: string | null;
  /** The end of a good cause already granted for these services. */
  goodCauseThrough?: string | null;
  /** The county's limit past the period (FrCountySettings.ab429GoodCauseMaxDays). */
  maxDaysPastPeriod: number;
}

/**
 * Whether child welfare's good cause continues the AB 429 services past their period (RULES.md 4, "Services beyond 6
 * months": with good cause granted by CWS; cash aid is never extended). Interpretations: the good cause continues
 * services that still run (granted after they ended, they are not revived: the worker starts a new referral); it is
 * granted once (the rule allows one extension); it must reach past the period, and no further than the county's limit.
 */
export function ab429GoodCauseRefusal(i: Ab429GoodCauseInput): FrRefusal | undefined {
  if (i.endedOn)
    return {
      code: 'ab429-services-ended',
      reason: `The AB 429 services ended on ${i.endedOn}; good cause continues services that still run (${beyondSource})`,
    };
  if (i.goodCauseThrough)
    return {
      code: 'ab429-good-cause-already-granted',
      reason: `Good cause already continues the services through ${i.goodCauseThrough}; the period is extended once (rule calworks.fr.ab429-services)`,
    };
  if (i.continuesThrough <= i.periodEndsOn)
    return {
      code: 'good-cause-not-past-period',
      reason: `The AB 429 period already runs through ${i.periodEndsOn}; good cause continues services past it (${beyondSource})`,
    };
  const limit = valid(DateTime.fromISO(i.periodEndsOn, { zone: FR_ZONE }).plus({ days: i.maxDaysPastPeriod }).toISODate(), i.periodEndsOn);
  if (i.continuesThrough > limit)
    return {
      code: 'good-cause-beyond-county-limit',
      reason: `The county continues AB 429 services at most ${i.maxDaysPastPeriod} days past the period, through ${limit} (county setting; LA: "6 months + up to 6 more")`,
    };
  return undefined;
}

/** A fact dated after today (California) or an instant beyond the allowed clock skew is refused. */
export function futureFactRefusal(fact: string, now: Date, skewMs = 5 * 60_000): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(fact)) {
    const today = valid(DateTime.fromJSDate(now, { zone: FR_ZONE }).toISODate(), now.toISOString());
    return fact > today ? `The date ${fact} is in the future (today is ${today} in California)` : undefined;
  }
  const t = Date.parse(fact);
  if (Number.isNaN(t)) return `Not a date or instant: ${fact}`;
  return t > now.getTime() + skewMs ? `The instant ${fact} is in the future` : undefined;
}
