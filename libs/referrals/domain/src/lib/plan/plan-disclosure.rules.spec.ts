import { decideCwsDisclosure, redact, type SharingAuthority } from '@linkages/platform-access';
import type { PlanActivity, PlanActivityKind } from './coordinated-plan';
import { conflictsOf } from './plan-conflicts.rules';
import { cwsPlanActivityClassification } from './plan.classification';
import {
  activityDisclosure,
  conflictShown,
  isSubstanceUseType,
  maskedConflictReason,
  planDisclosurePolicy,
  planDisclosureSummary,
  type PlanAuthority,
} from './plan-disclosure.rules';

const NOW = new Date('2027-03-10T18:00:00Z');
const COUNTY = '06085';
const ew = { subject: 'ew-1', agency: 'calworks' as const, county: COUNTY };
const csw = { subject: 'csw-1', agency: 'cws' as const, county: COUNTY };

const authority = (over: Partial<SharingAuthority & PlanAuthority> & Pick<PlanAuthority, 'id' | 'kind'>) => ({
  county: COUNTY,
  effectiveFrom: new Date('2027-01-01T00:00:00Z'),
  expiresAt: new Date('2027-12-31T00:00:00Z'),
  revokedAt: null,
  categories: ['detail'] as ('identity' | 'detail')[],
  memberSubjects: over.kind === 'mdt' ? ['ew-1'] : null,
  scopes: [] as string[],
  ...over,
});

/** The policy the plan read computes: the sharing policy's decision, then the rows' scopes. */
const policyOf = (viewer: typeof ew | typeof csw, rows: ReturnType<typeof authority>[]) =>
  planDisclosurePolicy(viewer.agency, decideCwsDisclosure(viewer, { county: COUNTY }, rows, NOW), rows);

const consent = authority({ id: 'consent-1', kind: 'consent' });
const sudConsent = authority({ id: 'consent-sud', kind: 'consent', scopes: ['substance-use-records'] });
const mdt = authority({ id: 'mdt-1', kind: 'mdt' });

const bases = {
  'WIC 10850 alone': [] as ReturnType<typeof authority>[],
  'consent releasing details': [consent],
  'MDT membership': [mdt],
  'consent naming substance-use records': [sudConsent],
};
const kinds = {
  'CalWORKs WTW activity': { agency: 'calworks' as const, typeCode: 'job-search' },
  'CWS mental-health counselling': { agency: 'cws' as const, typeCode: 'mental-health-treatment' },
  'CWS parenting class': { agency: 'cws' as const, typeCode: 'parenting-education' },
  'CWS substance-use treatment': { agency: 'cws' as const, typeCode: 'substance-use-treatment' },
};

describe('plan disclosure: each basis × activity kind', () => {
  // [basis, kind, CalWORKs caller sees, its basis, withheld because]
  const table: [keyof typeof bases, keyof typeof kinds, 'whole' | 'schedule', string, string | null][] = [
    ['WIC 10850 alone', 'CalWORKs WTW activity', 'whole', 'own-agency', null],
    ['WIC 10850 alone', 'CWS mental-health counselling', 'schedule', 'wic-10850', 'no-detail-authority'],
    ['WIC 10850 alone', 'CWS parenting class', 'schedule', 'wic-10850', 'no-detail-authority'],
    ['WIC 10850 alone', 'CWS substance-use treatment', 'schedule', 'wic-10850', 'no-substance-use-consent'],
    ['consent releasing details', 'CalWORKs WTW activity', 'whole', 'own-agency', null],
    ['consent releasing details', 'CWS mental-health counselling', 'whole', 'consent', null],
    ['consent releasing details', 'CWS parenting class', 'whole', 'consent', null],
    ['consent releasing details', 'CWS substance-use treatment', 'schedule', 'wic-10850', 'no-substance-use-consent'],
    ['MDT membership', 'CalWORKs WTW activity', 'whole', 'own-agency', null],
    ['MDT membership', 'CWS mental-health counselling', 'whole', 'mdt', null],
    ['MDT membership', 'CWS parenting class', 'whole', 'mdt', null],
    ['MDT membership', 'CWS substance-use treatment', 'schedule', 'wic-10850', 'no-substance-use-consent'],
    ['consent naming substance-use records', 'CalWORKs WTW activity', 'whole', 'own-agency', null],
    ['consent naming substance-use records', 'CWS mental-health counselling', 'whole', 'consent', null],
    ['consent naming substance-use records', 'CWS parenting class', 'whole', 'consent', null],
    ['consent naming substance-use records', 'CWS substance-use treatment', 'whole', 'consent', null],
  ];

  it.each(table)('CalWORKs under %s: %s is shown %s (%s)', (basis, kind, shown, itemBasis, withheld) => {
    const d = activityDisclosure(policyOf(ew, bases[basis]), kinds[kind]);
    expect([d.shown, d.basis, d.withheld]).toEqual([shown, itemBasis, withheld]);
    // A CWS activity is redacted with these classes (a CalWORKs caller's own activities are shown as they are).
    if (kinds[kind].agency === 'cws') expect(d.classes.includes('detail')).toBe(shown === 'whole');
    if (shown === 'whole' && itemBasis !== 'own-agency') expect(d.authorityId).toBe(bases[basis][0]?.id);
  });

  it.each(Object.keys(bases) as (keyof typeof bases)[])('child welfare sees every activity whole whatever is recorded (%s)', (basis) => {
    for (const kind of Object.values(kinds)) {
      const d = activityDisclosure(policyOf(csw, bases[basis]), kind);
      expect(d).toMatchObject({ shown: 'whole', withheld: null, basis: kind.agency === 'cws' ? 'own-agency' : 'wic-10850' });
      expect(d.classes).toContain('detail');
    }
  });

  it('an expired or revoked consent, another member’s MDT, a consent releasing identity only, or scopes without details release nothing', () => {
    const sud = kinds['CWS substance-use treatment'];
    const mh = kinds['CWS mental-health counselling'];
    const expired = authority({
      id: 'c-old',
      kind: 'consent',
      scopes: ['substance-use-records'],
      expiresAt: new Date('2027-03-01T00:00:00Z'),
    });
    const revoked = authority({
      id: 'c-rev',
      kind: 'consent',
      scopes: ['substance-use-records'],
      revokedAt: new Date('2027-03-09T00:00:00Z'),
    });
    const otherMember = authority({ id: 'mdt-2', kind: 'mdt', memberSubjects: ['ew-2'] });
    const identityOnly = authority({ id: 'c-id', kind: 'consent', categories: ['identity'], scopes: ['substance-use-records'] });
    for (const rows of [[expired], [revoked], [otherMember], [identityOnly]]) {
      const policy = policyOf(ew, rows);
      expect([activityDisclosure(policy, sud).shown, activityDisclosure(policy, mh).shown]).toEqual(['schedule', 'schedule']);
    }
    // An MDT membership beside a consent naming SUD: each item relies on the authority that covers it.
    const both = policyOf(ew, [mdt, sudConsent]);
    expect(activityDisclosure(both, sud)).toMatchObject({ shown: 'whole', basis: 'consent', authorityId: 'consent-sud' });
    expect(activityDisclosure(both, mh)).toMatchObject({ shown: 'whole', basis: 'consent', authorityId: 'consent-sud' });
    expect(activityDisclosure(policyOf(ew, [mdt]), mh)).toMatchObject({ basis: 'mdt', authorityId: 'mdt-1' });
  });

  it('recognises substance-use type codes widely, and nothing else as SUD', () => {
    for (const code of [
      'substance-use-treatment',
      'substance-use-assessment',
      'drug-testing',
      'alcohol-and-drug-treatment',
      'aod-program',
      'sud-outpatient',
    ])
      expect(isSubstanceUseType(code)).toBe(true);
    for (const code of ['mental-health-treatment', 'parenting-education', 'domestic-violence-services', 'job-search', 'druggist-visit'])
      expect(isSubstanceUseType(code)).toBe(false);
  });
});

describe('the schedule block and masked conflicts', () => {
  const activity = (id: string, kind: PlanActivityKind, typeCode: string, over: Partial<PlanActivity> = {}): PlanActivity => ({
    id,
    agency: kind === 'wtw-activity' || kind === 'supportive-service' ? 'calworks' : 'cws',
    source: 'staff',
    personRecordId: 'p-1',
    kind,
    typeCode,
    title: `${typeCode} title`,
    weeklyHours: 9,
    slots: [{ day: 'tue', start: '09:00', end: '11:00' }],
    startsOn: '2027-03-08',
    endsOn: null,
    requiresChildCare: true,
    requiresTransport: false,
    location: 'Clinic on First Street',
    status: 'active',
    wtwCount: 'candidate',
    ...over,
  });

  it('a masked CWS activity keeps its schedule, hours and needs, and loses kind, type, title, place and WTW-count mark', () => {
    const sud = activity('a-1', 'court-ordered-service', 'substance-use-treatment');
    const d = activityDisclosure(policyOf(ew, [consent]), sud);
    expect(redact(sud, cwsPlanActivityClassification, d)).toEqual({
      id: 'a-1',
      agency: 'cws',
      source: 'staff',
      personRecordId: 'p-1',
      weeklyHours: 9,
      slots: [{ day: 'tue', start: '09:00', end: '11:00' }],
      startsOn: '2027-03-08',
      endsOn: null,
      requiresChildCare: true,
      requiresTransport: false,
      status: 'active',
    });
    expect(redact(sud, cwsPlanActivityClassification, activityDisclosure(policyOf(ew, [sudConsent]), sud))).toEqual(sud);
  });

  it.each(['court-ordered-service', 'cws-case-plan-activity'] as const)('masks the kind of a %s in every conflict reason', (kind) => {
    const cws = activity('c-1', kind, 'mental-health-treatment', { weeklyHours: 12 });
    const wtw = activity('w-1', 'wtw-activity', 'job-search', { weeklyHours: 30, requiresChildCare: false });
    const conflicts = conflictsOf([cws, wtw], [], { maxWeeklyHours: 40, travelHoursPerActivity: 1 });
    expect(conflicts.map((c) => c.code).sort()).toEqual(['no-child-care', 'no-time-for-court-ordered', 'overlapping-appointments']);
    for (const c of conflicts) {
      const masked = maskedConflictReason(c.reason);
      expect(c.reason).toMatch(/court-ordered|case-plan/);
      expect(masked).not.toMatch(/court-ordered|case-plan/);
      expect(masked).toMatch(/CWS activit/);
    }
    expect(maskedConflictReason(conflicts.find((c) => c.code === 'overlapping-appointments')!.reason)).toBe(
      'A CWS activity (Tuesday 09:00–11:00) overlaps a WTW activity (Tuesday 09:00–11:00).',
    );
  });

  it('a conflict is whole only when every activity it names is shown whole', () => {
    const shown = { a: 'whole', b: 'schedule' } as const;
    expect(conflictShown(['a'], (id) => shown[id as 'a'])).toBe('whole');
    expect(conflictShown(['a', 'b'], (id) => shown[id as 'a' | 'b'])).toBe('masked');
    expect(conflictShown(['a', 'unknown'], (id) => shown[id as 'a'])).toBe('masked');
  });

  it('summarises a read: items per basis, withheld activities, SUD items, candidate marks and masked conflicts', () => {
    const policy = policyOf(ew, [consent]);
    const items = [
      { ...activityDisclosure(policy, kinds['CWS substance-use treatment']), candidate: true },
      { ...activityDisclosure(policy, kinds['CWS mental-health counselling']), candidate: true },
      { ...activityDisclosure(policy, kinds['CalWORKs WTW activity']), candidate: false },
    ];
    expect(planDisclosureSummary(items, ['masked', 'whole', 'masked'])).toEqual({
      bases: { 'wic-10850': 1, consent: 1, 'own-agency': 1 },
      withheld: { activities: 1, substanceUse: 1, candidates: 1, conflicts: 2 },
      authorityIds: ['consent-1'],
    });
  });
});
