import { DateTime } from 'luxon';
import type { SharingAuthority } from '@linkages/platform-access';
import type { AuthorityTerms, ConsentInput, SharingAuthorityRecord } from './authority';
import { COUNTY_ZONE } from './referral';

/**
 * A signed authorization (WIC 18986.46) is in force from the start of the day it was signed to the end of the expiry
 * day written on it (county time), covers the categories it names, and never the reporter's identity (PC 11167(d)).
 */
export function consentTerms(input: ConsentInput): AuthorityTerms {
  const effectiveFrom = DateTime.fromISO(input.signedOn, { zone: COUNTY_ZONE }).startOf('day');
  const expiresAt = DateTime.fromISO(input.expiresOn, { zone: COUNTY_ZONE }).plus({ days: 1 }).startOf('day');
  const categories = [...new Set(input.categories)];
  const scopes = [...new Set(input.scopes ?? [])];
  const named = scopes.includes('substance-use-records')
    ? ' It names substance-use disorder records (42 CFR 2.31).'
    : ' It names no substance-use disorder records, so none are shared (42 CFR 2.31).';
  return {
    kind: 'consent',
    effectiveFrom: effectiveFrom.toJSDate(),
    expiresAt: expiresAt.toJSDate(),
    categories,
    scopes,
    memberSubjects: null,
    reference: input.reference,
    basis: `Signed authorization for release of information (WIC 18986.46), signed ${input.signedOn}, valid through ${input.expiresOn}; covers ${categories.join(' and ')}; never the reporter's identity (PC 11167(d)).${named}`,
  };
}

/**
 * Clock skew allowed when a signature date is checked against today: a workstation a few minutes ahead of the server
 * just before midnight (county time) may still record the day it shows. The platform's 5 minutes (CLOCK_SKEW_MS of the
 * casework and household schemas, FACT_SKEW_MS of the deadline workflow).
 */
export const CONSENT_SIGNATURE_SKEW_MS = 5 * 60_000;

/**
 * The rule record of a consent's longest term. RULES.md 5 names the authorization (WIC 18986.46: a single written
 * authorization; Santa Clara's SCD 1029) but no maximum term of a release of information, so the number is
 * unconfirmed: a conservative default that each county sets (`countyConsentValidity`), never a hard-coded law.
 */
export const consentMaximumValidityRule = {
  id: 'linkages.consent-maximum-validity',
  title: 'A signed authorization for release of information runs at most this long after its signature',
  citation: 'WIC 18986.46 (single written authorization); Santa Clara SCD 1029 (RULES.md 5). No maximum term found',
  status: 'unconfirmed',
  configurablePerCounty: true,
  source: 'RULES.md 5 (consent records; WIC 18986.46): neither names a maximum term; none was found in the retrieved text',
  note: 'Default 12 calendar months from the day signed: conservative (it ends sharing sooner rather than later) until the county confirms the term of its release form against WIC 18986.46 and its counsel',
} as const;

/** A county's bound on the consents it records (unconfirmed: see `consentMaximumValidityRule`). */
export interface ConsentValiditySettings {
  /** The latest expiry a consent may carry, in calendar months after the day it was signed. */
  maxValidityMonths: number;
}

export const defaultConsentValidity: ConsentValiditySettings = { maxValidityMonths: 12 };

/** County overrides (FIPS code → settings), each with its source in a comment beside it; empty: every county on the default. */
export const countyConsentValidity: Readonly<Record<string, Partial<ConsentValiditySettings>>> = {};

export const consentValidityFor = (
  countyCode: string,
  overrides: Readonly<Record<string, Partial<ConsentValiditySettings>>> = countyConsentValidity,
): ConsentValiditySettings => ({ ...defaultConsentValidity, ...overrides[countyCode] });

/** A consent date out of its bounds: the field and why, naming the bound (never the value sent). */
export interface ConsentDateRefusal {
  field: 'signedOn' | 'expiresOn';
  message: string;
}

/**
 * Why a consent's dates cannot be recorded, if they cannot: signed no later than today (county time, with
 * CONSENT_SIGNATURE_SKEW_MS of clock skew), expiring after the signature and no later than the county's maximum term
 * after it. An implausible date would otherwise widen what CalWORKs sees (a consent "signed" next year, or valid for a
 * thousand years).
 */
export function consentDateRefusals(
  input: Pick<ConsentInput, 'signedOn' | 'expiresOn'>,
  now: Date,
  settings: ConsentValiditySettings,
): ConsentDateRefusal[] {
  const signed = DateTime.fromISO(input.signedOn, { zone: COUNTY_ZONE });
  const expires = DateTime.fromISO(input.expiresOn, { zone: COUNTY_ZONE });
  const refusals: ConsentDateRefusal[] = [];
  if (!signed.isValid) refusals.push({ field: 'signedOn', message: 'must be a date (YYYY-MM-DD)' });
  if (!expires.isValid) refusals.push({ field: 'expiresOn', message: 'must be a date (YYYY-MM-DD)' });
  if (refusals.length) return refusals;
  const day = (d: DateTime) => d.toISODate() as string;
  const today = day(DateTime.fromMillis(now.getTime() + CONSENT_SIGNATURE_SKEW_MS, { zone: COUNTY_ZONE }));
  if (day(signed) > today)
    refusals.push({
      field: 'signedOn',
      message: `must not be after today (${today}, ${COUNTY_ZONE}; ${CONSENT_SIGNATURE_SKEW_MS / 60_000} minutes of clock skew allowed)`,
    });
  const months = settings.maxValidityMonths;
  if (day(expires) <= day(signed)) refusals.push({ field: 'expiresOn', message: 'must be after signedOn' });
  else if (day(expires) > day(signed.plus({ months })))
    refusals.push({
      field: 'expiresOn',
      message: `must be at most ${months} months after signedOn (the county's maximum term of a consent: rule ${consentMaximumValidityRule.id}, ${consentMaximumValidityRule.status})`,
    });
  return refusals;
}

/** Why a revocation is refused: an authority is revoked once. */
export function revocationRefusal(authority: Pick<SharingAuthorityRecord, 'revokedAt'>): 'already-revoked' | undefined {
  return authority.revokedAt ? 'already-revoked' : undefined;
}

/** A recorded authority as the sharing policy weighs it. */
export function toSharingAuthority(a: SharingAuthorityRecord): SharingAuthority {
  return {
    id: a.id,
    kind: a.kind,
    county: a.countyCode,
    effectiveFrom: a.effectiveFrom,
    expiresAt: a.expiresAt,
    revokedAt: a.revokedAt,
    categories: a.categories,
    memberSubjects: a.memberSubjects,
  };
}
