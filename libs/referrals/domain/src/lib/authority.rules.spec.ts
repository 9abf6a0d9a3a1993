import { isActive } from '@linkages/platform-access';
import type { SharingAuthorityRecord } from './authority';
import {
  consentDateRefusals,
  consentMaximumValidityRule,
  consentTerms,
  consentValidityFor,
  defaultConsentValidity,
  revocationRefusal,
  toSharingAuthority,
} from './authority.rules';

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

describe("a consent's dates are bounded before it is recorded (issue 17)", () => {
  // 3 Dec 2026, 10:00 in Santa Clara (PST, UTC-8).
  const now = new Date('2026-12-03T18:00:00.000Z');
  const refusals = (signedOn: string, expiresOn: string, at = now, settings = defaultConsentValidity) =>
    consentDateRefusals({ signedOn, expiresOn }, at, settings);

  it('accepts a consent signed today or earlier, expiring after the signature and within 12 months of it', () => {
    expect(refusals('2026-12-03', '2027-12-03')).toEqual([]);
    expect(refusals('2026-11-01', '2027-10-31')).toEqual([]);
    expect(refusals('2026-12-02', '2026-12-03')).toEqual([]);
    // Month ends: 12 months after 29 Feb 2028 is 28 Feb 2029.
    expect(refusals('2028-02-29', '2029-02-28', new Date('2028-03-01T18:00:00Z'))).toEqual([]);
    expect(refusals('2028-02-29', '2029-03-01', new Date('2028-03-01T18:00:00Z')).map((r) => r.field)).toEqual(['expiresOn']);
  });

  it('refuses a signature after today (county time), allowing 5 minutes of clock skew at midnight', () => {
    expect(refusals('2026-12-04', '2027-06-30')).toEqual([
      { field: 'signedOn', message: 'must not be after today (2026-12-03, America/Los_Angeles; 5 minutes of clock skew allowed)' },
    ]);
    expect(refusals('2027-01-01', '3026-12-31').map((r) => r.field)).toEqual(['signedOn', 'expiresOn']);
    // 23:57 county time: a clock 3 minutes ahead already shows tomorrow; 23:50 is not within the skew.
    expect(refusals('2026-12-04', '2027-06-30', new Date('2026-12-04T07:57:00.000Z'))).toEqual([]);
    expect(refusals('2026-12-04', '2027-06-30', new Date('2026-12-04T07:50:00.000Z')).map((r) => r.field)).toEqual(['signedOn']);
    // UTC has already turned the day, the county has not: today is still the county's.
    expect(refusals('2026-12-04', '2027-06-30', new Date('2026-12-04T02:00:00.000Z')).map((r) => r.field)).toEqual(['signedOn']);
  });

  it('refuses an expiry on or before the signature, and one past the maximum term, naming the bound and its rule', () => {
    expect(refusals('2026-12-01', '2026-12-01')).toEqual([{ field: 'expiresOn', message: 'must be after signedOn' }]);
    expect(refusals('2026-12-01', '2026-11-30')).toEqual([{ field: 'expiresOn', message: 'must be after signedOn' }]);
    expect(refusals('2026-12-01', '3026-12-01')).toEqual([
      {
        field: 'expiresOn',
        message:
          "must be at most 12 months after signedOn (the county's maximum term of a consent: rule linkages.consent-maximum-validity, unconfirmed)",
      },
    ]);
    expect(refusals('2026-12-01', '2027-12-02').map((r) => r.field)).toEqual(['expiresOn']);
  });

  it('never repeats the dates sent in its messages', () => {
    for (const r of refusals('2027-05-17', '3027-05-17')) expect(r.message).not.toMatch(/2027-05-17|3027/);
  });

  it('refuses what is not a calendar date', () => {
    expect(refusals('2026-02-30', 'soon')).toEqual([
      { field: 'signedOn', message: 'must be a date (YYYY-MM-DD)' },
      { field: 'expiresOn', message: 'must be a date (YYYY-MM-DD)' },
    ]);
  });

  it('takes the maximum term from the county: 12 months by default (unconfirmed), a county may set its own', () => {
    expect(consentMaximumValidityRule).toMatchObject({ status: 'unconfirmed', configurablePerCounty: true });
    expect(consentMaximumValidityRule.source).toMatch(/RULES\.md 5/);
    expect(consentValidityFor('06085')).toEqual({ maxValidityMonths: 12 });
    const six = consentValidityFor('06037', { '06037': { maxValidityMonths: 6 } });
    expect(six).toEqual({ maxValidityMonths: 6 });
    expect(consentValidityFor('06085', { '06037': { maxValidityMonths: 6 } })).toEqual({ maxValidityMonths: 12 });
    expect(refusals('2026-12-01', '2027-06-01', now, six)).toEqual([]);
    expect(refusals('2026-12-01', '2027-06-02', now, six)[0]?.message).toMatch(/^must be at most 6 months after signedOn/);
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
