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
