import { isActive } from '@linkages/platform-access';
import type { SharingAuthorityRecord } from './authority';
import { consentTerms, revocationRefusal, toSharingAuthority } from './authority.rules';

const consent = {
  signedOn: '2026-11-01',
  expiresOn: '2027-10-31',
  categories: ['identity', 'detail', 'identity'] as const,
  reference: 'SCD 1029 #2026-0141',
};

describe('a signed authorization for release of information (WIC 18986.46)', () => {
  it('is in force from the start of the signing day through the end of the expiry day, county time', () => {
    const terms = consentTerms(consent);
    expect(terms.effectiveFrom.toISOString()).toBe('2026-11-01T07:00:00.000Z'); // midnight PDT (daylight time ends later that night)
    expect(terms.expiresAt.toISOString()).toBe('2027-11-01T07:00:00.000Z'); // the day after 31 Oct 2027 begins
    expect(consentTerms({ ...consent, signedOn: '2026-12-01', expiresOn: '2027-01-31' })).toMatchObject({
      effectiveFrom: new Date('2026-12-01T08:00:00.000Z'),
      expiresAt: new Date('2027-02-01T08:00:00.000Z'),
    });
  });

  it('covers the categories it names, once each, for the agency (no member list), and says so in its basis', () => {
    expect(consentTerms(consent)).toMatchObject({
      kind: 'consent',
      categories: ['identity', 'detail'],
      scopes: [],
      memberSubjects: null,
      reference: 'SCD 1029 #2026-0141',
      basis:
        "Signed authorization for release of information (WIC 18986.46), signed 2026-11-01, valid through 2027-10-31; covers identity and detail; never the reporter's identity (PC 11167(d)). It names no substance-use disorder records, so none are shared (42 CFR 2.31).",
    });
  });

  it('covers substance-use disorder records only when it names them (42 CFR 2.31), and says so', () => {
    const named = consentTerms({ ...consent, scopes: ['substance-use-records', 'substance-use-records'] });
    expect(named.scopes).toEqual(['substance-use-records']);
    expect(named.basis).toContain('It names substance-use disorder records (42 CFR 2.31).');
  });
});

describe('a recorded authority', () => {
  const record = (over: Partial<SharingAuthorityRecord> = {}): SharingAuthorityRecord => ({
    ...consentTerms(consent),
    id: '0f1e2d3c-4b5a-4697-8887-766554433221',
    referralId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    countyCode: '06085',
    recordedBy: 'cws-worker',
    recordedAt: new Date('2026-11-02T17:00:00.000Z'),
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
    endedReason: null,
    ...over,
  });

  it('is weighed by the sharing policy in its county, inside its window, until revoked', () => {
    const authority = toSharingAuthority(record());
    expect(authority).toEqual({
      id: record().id,
      kind: 'consent',
      county: '06085',
      effectiveFrom: record().effectiveFrom,
      expiresAt: record().expiresAt,
      revokedAt: null,
      categories: ['identity', 'detail'],
      memberSubjects: null,
    });
    expect(isActive(authority, new Date('2027-10-31T23:59:00-07:00'))).toBe(true);
    expect(isActive(authority, new Date('2027-11-01T00:00:00-07:00'))).toBe(false);
    expect(isActive(toSharingAuthority(record({ revokedAt: new Date('2026-12-01T00:00:00Z') })), new Date('2026-12-02T00:00:00Z'))).toBe(
      false,
    );
  });

  it('is revoked once', () => {
    expect(revocationRefusal(record())).toBeUndefined();
    expect(revocationRefusal(record({ revokedAt: new Date('2026-12-01T00:00:00Z') }))).toBe('already-revoked');
  });
});
