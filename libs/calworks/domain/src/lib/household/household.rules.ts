import { DateTime } from 'luxon';
import {
  CALWORKS_ZONE,
  type AidedStatus,
  type CashAidStatus,
  type ExemptionReason,
  type MemberRole,
  type VerificationSource,
  type VerificationStatus,
} from './household.types';

/**
 * A request the household's records make impossible. Decisions return it instead of throwing; the feature answers it
 * as the 409 `impossible-sequence` problem with this text, and nothing changes.
 */
export interface HouseholdRefusal {
  readonly refused: string;
}
const refusal = (message: string): HouseholdRefusal => ({ refused: message });

/** The instant a California date starts (a clock that counts from a date starts at its midnight). */
export const calworksStartOfDay = (date: string): string => {
  const start = DateTime.fromISO(date, { zone: CALWORKS_ZONE }).startOf('day');
  if (!start.isValid) throw new Error(`Not a date: ${date}`);
  return start.toISO() ?? date;
};

// ---- Aided status over time ---------------------------------------------------------------------------------------

/** A change of the AU's aided status, effective from a date on. */
export interface AidedStatusChange {
  status: AidedStatus;
  effectiveOn: string;
}

/** One period of the history: `to` is the last day (null while it lasts). */
export interface AidedPeriod {
  status: AidedStatus;
  from: string;
  to: string | null;
}

const byEffectiveOn = <T extends { effectiveOn: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));

const dayBefore = (date: string): string => DateTime.fromISO(date, { zone: CALWORKS_ZONE }).minus({ days: 1 }).toISODate() ?? date;

/** The AU's aided status on a date (before its first recorded change it was not aided). */
export function aidedStatusOn(history: readonly AidedStatusChange[], date: string): AidedStatus {
  let status: AidedStatus = 'not-aided';
  for (const change of byEffectiveOn(history)) if (change.effectiveOn <= date) status = change.status;
  return status;
}

/** The history as periods, oldest first; consecutive changes to the same status make one period. */
export function aidedPeriods(history: readonly AidedStatusChange[]): AidedPeriod[] {
  const periods: AidedPeriod[] = [];
  for (const change of byEffectiveOn(history)) {
    const last = periods[periods.length - 1];
    if (last && last.status === change.status) continue;
    if (last) last.to = dayBefore(change.effectiveOn);
    periods.push({ status: change.status, from: change.effectiveOn, to: null });
  }
  return periods;
}

/** A change that changes nothing, or a second change on the same day, is refused. */
export function aidedStatusChangeRefusal(history: readonly AidedStatusChange[], change: AidedStatusChange): HouseholdRefusal | undefined {
  if (history.some((h) => h.effectiveOn === change.effectiveOn))
    return refusal(`The AU already has an aided-status change effective ${change.effectiveOn}`);
  if (history.length > 0 && aidedStatusOn(history, change.effectiveOn) === change.status)
    return refusal(`The AU is already ${change.status} on ${change.effectiveOn}`);
  return undefined;
}

/**
 * The AU's status as Linkages reads it (aided-status-recorded, issue 13 Deliver 3): `aided`; not aided before any aid
 * is an `applicant` (Prevention); not aided after an earlier aided period is `discontinued`.
 */
export function linkagesAidedStatus(
  history: readonly AidedStatusChange[],
  change: AidedStatusChange,
): 'applicant' | 'aided' | 'discontinued' {
  if (change.status === 'aided') return 'aided';
  return history.some((h) => h.status === 'aided' && h.effectiveOn < change.effectiveOn) ? 'discontinued' : 'applicant';
}

// ---- Cash aid and grant changes -----------------------------------------------------------------------------------

export interface GrantChange {
  effectiveOn: string;
  cashAidStatus: CashAidStatus;
  amountCents: number;
}

/** The grant in effect on a date, or undefined before the first one. */
export function grantOn<T extends GrantChange>(history: readonly T[], date: string): T | undefined {
  let current: T | undefined;
  for (const change of byEffectiveOn(history)) if (change.effectiveOn <= date) current = change;
  return current;
}

/** A grant is paid with an amount; a suspended or discontinued grant pays nothing; one change per effective date. */
export function grantChangeRefusal(history: readonly GrantChange[], change: GrantChange): HouseholdRefusal | undefined {
  if (change.cashAidStatus === 'paid' && change.amountCents <= 0) return refusal('A paid grant has an amount above zero');
  if (change.cashAidStatus !== 'paid' && change.amountCents !== 0)
    return refusal(`A ${change.cashAidStatus} grant pays nothing (amount 0)`);
  if (history.some((h) => h.effectiveOn === change.effectiveOn))
    return refusal(`The AU already has a grant change effective ${change.effectiveOn}`);
  return undefined;
}

// ---- Members and WTW participation --------------------------------------------------------------------------------

export interface MemberFacts {
  role: MemberRole;
  needy: boolean;
  aided: boolean;
}

/** A member whose needs are not counted in the AU (non-needy) cannot be aided. */
export const memberRefusal = (member: MemberFacts): HouseholdRefusal | undefined =>
  member.aided && !member.needy ? refusal('A non-needy member is not aided: their needs are not counted in the AU') : undefined;

/**
 * Who may be a WTW participant: an aided, needy adult member (WIC 11320.3 requires aided adults to take part unless
 * exempt). A child is not one (a teen parent is recorded as a parent); a non-needy caretaker relative's needs are not
 * in the AU, so WTW does not apply to them; a member is a participant once.
 */
export function participantRefusal(member: MemberFacts, alreadyParticipant: boolean): HouseholdRefusal | undefined {
  if (alreadyParticipant) return refusal('The member is already a WTW participant');
  if (member.role === 'child') return refusal('A child is not a WTW participant (record a teen parent as a parent)');
  if (!member.needy) return refusal('A non-needy member (e.g. a non-needy caretaker relative) is not a WTW participant');
  if (!member.aided) return refusal('Only an aided member takes part in WTW');
  return undefined;
}

// ---- Exemptions ---------------------------------------------------------------------------------------------------

/** Whether an exemption needs verification before it exempts, and from whom. */
export function exemptionVerification(reason: ExemptionReason): { required: boolean; source: VerificationSource | null } {
  switch (reason) {
    case 'cws-caretaker-relative':
      // EAS 42-712.45: written verification from the CWS social worker.
      return { required: true, source: 'cws-social-worker' };
    case 'ab2300-birth':
    case 'ab2300-placement':
    case 'child-under-24-months':
      return { required: true, source: 'birth-or-placement-record' };
    case 'disability':
    case 'caring-for-ill-household-member':
    case 'pregnancy':
      return { required: true, source: 'medical-provider' };
    case 'school-teen':
      return { required: true, source: 'school' };
    case 'age-60-or-older':
      // The date of birth on file shows it.
      return { required: false, source: null };
    case 'other':
      return { required: true, source: 'other-document' };
  }
}

/** AB 2300 exemptions count 12 weeks from the birth or placement (rule `calworks.wtw.ab2300-exemption`). */
export const isAb2300 = (reason: ExemptionReason): boolean => reason === 'ab2300-birth' || reason === 'ab2300-placement';

export const AB2300_RULE_ID = 'calworks.wtw.ab2300-exemption';
export const AB2300_PURPOSE = 'ab2300-exemption';

/** The clock of an AB 2300 exemption: 12 weeks from the California date of the birth or placement. */
export const ab2300Clock = (eventOn: string): { purpose: string; ruleId: string; startAt: string } => ({
  purpose: AB2300_PURPOSE,
  ruleId: AB2300_RULE_ID,
  startAt: calworksStartOfDay(eventOn),
});

export interface ExemptionFacts {
  reason: ExemptionReason;
  startsOn: string;
  endsOn: string | null;
  verificationStatus: VerificationStatus;
}

export interface ExemptionRequest {
  reason: ExemptionReason;
  startsOn: string;
  /** The birth or placement date (AB 2300 only). */
  eventOn?: string | undefined;
  endsOn?: string | undefined;
}

/** An exemption the member's facts do not allow, or that duplicates one in effect, is refused. */
export function exemptionRefusal(
  member: MemberFacts,
  existing: readonly ExemptionFacts[],
  request: ExemptionRequest,
): HouseholdRefusal | undefined {
  if (request.reason === 'cws-caretaker-relative' && (member.role !== 'caretaker-relative' || !member.needy))
    return refusal('The CWS-related exemption is for a needy nonparent caretaker relative only (EAS 42-712.45)');
  if (isAb2300(request.reason)) {
    if (!request.eventOn) return refusal('An AB 2300 exemption needs the date of the birth or placement (eventOn)');
    if (request.startsOn < request.eventOn) return refusal('An AB 2300 exemption cannot start before the birth or placement');
    if (request.endsOn) return refusal('An AB 2300 exemption ends 12 weeks after the birth or placement: its end is computed, not given');
  } else if (request.eventOn) return refusal('eventOn is for AB 2300 exemptions only');
  if (request.endsOn && request.endsOn < request.startsOn) return refusal('An exemption cannot end before it starts');
  const overlapping = existing.find(
    (e) => e.reason === request.reason && e.verificationStatus !== 'not-verified' && (e.endsOn === null || e.endsOn >= request.startsOn),
  );
  if (overlapping) return refusal(`The participant already has a ${request.reason} exemption from ${overlapping.startsOn}`);
  return undefined;
}

export interface VerificationRequest {
  outcome: 'verified' | 'not-verified';
  source: VerificationSource;
  verifiedOn: string;
}

/** An exemption is verified once, by the source its reason requires (no partial CWS exemption). */
export function verificationRefusal(exemption: ExemptionFacts, request: VerificationRequest): HouseholdRefusal | undefined {
  const needed = exemptionVerification(exemption.reason);
  if (!needed.required) return refusal(`A ${exemption.reason} exemption needs no verification`);
  if (exemption.verificationStatus !== 'pending') return refusal(`The exemption is already ${exemption.verificationStatus}`);
  if (request.outcome === 'verified' && needed.source !== request.source)
    return refusal(`A ${exemption.reason} exemption is verified by ${needed.source}, not ${request.source}`);
  return undefined;
}

/** The exemptions that exempt the participant on a date: in effect and verified (or needing no verification). */
export function exemptionsInEffect<T extends ExemptionFacts>(exemptions: readonly T[], date: string): T[] {
  return exemptions.filter(
    (e) =>
      e.startsOn <= date &&
      (e.endsOn === null || e.endsOn >= date) &&
      (e.verificationStatus === 'verified' || !exemptionVerification(e.reason).required),
  );
}

// ---- Plans, activities and weekly hours ---------------------------------------------------------------------------

export interface ActivityFacts {
  weeklyHours: number;
  startsOn: string;
  endsOn: string | null;
}

/** The weekly hours of the activities in effect on a date. */
export const weeklyHoursOn = (activities: readonly ActivityFacts[], date: string): number =>
  activities.filter((a) => a.startsOn <= date && (a.endsOn === null || a.endsOn >= date)).reduce((sum, a) => sum + a.weeklyHours, 0);

/** A plan's activities start on or after it is signed and end after they start. */
export function planRefusal(signedOn: string, activities: readonly ActivityFacts[]): HouseholdRefusal | undefined {
  for (const a of activities) {
    if (a.startsOn < signedOn) return refusal('A plan activity cannot start before the plan is signed');
    if (a.endsOn !== null && a.endsOn < a.startsOn) return refusal('A plan activity cannot end before it starts');
  }
  return undefined;
}

// ---- Supportive services and Family Stabilization -----------------------------------------------------------------

/** A service is authorized after it is requested, and put in place after it is authorized. */
export function supportiveServiceRefusal(service: {
  requestedOn: string;
  authorizedOn?: string | undefined;
  inPlaceOn?: string | undefined;
}): HouseholdRefusal | undefined {
  if (service.authorizedOn && service.authorizedOn < service.requestedOn)
    return refusal('A service cannot be authorized before it is requested');
  if (service.inPlaceOn && !service.authorizedOn) return refusal('A service is in place only once authorized');
  if (service.inPlaceOn && service.authorizedOn && service.inPlaceOn < service.authorizedOn)
    return refusal('A service cannot be in place before it is authorized');
  return undefined;
}

/** One open Family Stabilization referral per participant (FS is open to exempt adults too). */
export const familyStabilizationRefusal = (openReferrals: number): HouseholdRefusal | undefined =>
  openReferrals > 0 ? refusal('The participant already has an open Family Stabilization referral') : undefined;
