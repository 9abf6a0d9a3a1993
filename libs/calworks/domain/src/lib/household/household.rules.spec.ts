import {
  ab2300Clock,
  aidedPeriods,
  aidedStatusChangeRefusal,
  aidedStatusOn,
  exemptionRefusal,
  exemptionVerification,
  exemptionsInEffect,
  familyStabilizationRefusal,
  grantChangeRefusal,
  grantOn,
  linkagesAidedStatus,
  memberRefusal,
  participantRefusal,
  planRefusal,
  supportiveServiceRefusal,
  verificationRefusal,
  weeklyHoursOn,
  type ExemptionFacts,
} from './household.rules';

const history = [
  { status: 'aided' as const, effectiveOn: '2026-01-01' },
  { status: 'not-aided' as const, effectiveOn: '2026-05-01' },
  { status: 'aided' as const, effectiveOn: '2026-08-15' },
];

describe('aided status over time', () => {
  it('is the status of the latest change on or before the date; not aided before any change', () => {
    expect(aidedStatusOn(history, '2025-12-31')).toBe('not-aided');
    expect(aidedStatusOn(history, '2026-01-01')).toBe('aided');
    expect(aidedStatusOn(history, '2026-04-30')).toBe('aided');
    expect(aidedStatusOn(history, '2026-05-01')).toBe('not-aided');
    expect(aidedStatusOn([...history].reverse(), '2026-09-01')).toBe('aided');
  });

  it('reads as periods whose last day is the day before the next change, across month ends', () => {
    expect(aidedPeriods([...history, { status: 'aided', effectiveOn: '2026-10-01' }])).toEqual([
      { status: 'aided', from: '2026-01-01', to: '2026-04-30' },
      { status: 'not-aided', from: '2026-05-01', to: '2026-08-14' },
      { status: 'aided', from: '2026-08-15', to: null },
    ]);
  });

  it('refuses a change that changes nothing or a second change the same day', () => {
    expect(aidedStatusChangeRefusal(history, { status: 'aided', effectiveOn: '2026-03-01' })?.refused).toMatch(/already aided/);
    expect(aidedStatusChangeRefusal(history, { status: 'not-aided', effectiveOn: '2026-05-01' })?.refused).toMatch(/already has/);
    expect(aidedStatusChangeRefusal(history, { status: 'not-aided', effectiveOn: '2026-09-01' })).toBeUndefined();
    expect(aidedStatusChangeRefusal([], { status: 'not-aided', effectiveOn: '2026-09-01' })).toBeUndefined();
  });

  it('reads for Linkages as applicant (not aided before any aid), aided, or discontinued (not aided after aid)', () => {
    expect(linkagesAidedStatus([], { status: 'not-aided', effectiveOn: '2026-01-01' })).toBe('applicant');
    expect(linkagesAidedStatus([], { status: 'aided', effectiveOn: '2026-01-01' })).toBe('aided');
    expect(linkagesAidedStatus(history.slice(0, 1), { status: 'not-aided', effectiveOn: '2026-05-01' })).toBe('discontinued');
    // A not-aided change dated before the first aid is still an applicant's.
    expect(linkagesAidedStatus(history.slice(0, 1), { status: 'not-aided', effectiveOn: '2025-11-01' })).toBe('applicant');
  });
});

describe('grant changes', () => {
  const grants = [
    { effectiveOn: '2026-01-01', cashAidStatus: 'paid' as const, amountCents: 92_500 },
    { effectiveOn: '2026-03-01', cashAidStatus: 'suspended' as const, amountCents: 0 },
  ];
  it('finds the grant in effect on a date', () => {
    expect(grantOn(grants, '2025-12-31')).toBeUndefined();
    expect(grantOn(grants, '2026-02-28')?.amountCents).toBe(92_500);
    expect(grantOn(grants, '2026-03-01')?.cashAidStatus).toBe('suspended');
  });
  it('refuses a paid grant of nothing, an unpaid grant with an amount, two changes the same day', () => {
    expect(grantChangeRefusal(grants, { effectiveOn: '2026-04-01', cashAidStatus: 'paid', amountCents: 0 })).toBeDefined();
    expect(grantChangeRefusal(grants, { effectiveOn: '2026-04-01', cashAidStatus: 'discontinued', amountCents: 10 })).toBeDefined();
    expect(grantChangeRefusal(grants, { effectiveOn: '2026-03-01', cashAidStatus: 'paid', amountCents: 10 })).toBeDefined();
    expect(grantChangeRefusal(grants, { effectiveOn: '2026-04-01', cashAidStatus: 'paid', amountCents: 80_000 })).toBeUndefined();
  });
});

describe('members', () => {
  it('a non-needy member is not aided', () => {
    expect(memberRefusal({ role: 'caretaker-relative', needy: false, aided: true })).toBeDefined();
    expect(memberRefusal({ role: 'caretaker-relative', needy: false, aided: false })).toBeUndefined();
  });
});

describe('who may be a WTW participant', () => {
  it('an aided, needy adult member, once', () => {
    expect(participantRefusal({ role: 'parent', needy: true, aided: true }, false)).toBeUndefined();
    expect(participantRefusal({ role: 'applicant', needy: true, aided: true }, true)?.refused).toMatch(/already/);
    expect(participantRefusal({ role: 'child', needy: true, aided: true }, false)?.refused).toMatch(/child/);
    expect(participantRefusal({ role: 'caretaker-relative', needy: false, aided: false }, false)?.refused).toMatch(/non-needy/);
    expect(participantRefusal({ role: 'parent', needy: true, aided: false }, false)?.refused).toMatch(/aided/);
  });
});

describe('exemptions and their verification', () => {
  const caretaker = { role: 'caretaker-relative' as const, needy: true, aided: true };
  const parent = { role: 'parent' as const, needy: true, aided: true };

  it('the CWS-related exemption needs written verification from the CWS social worker; age 60 needs none', () => {
    expect(exemptionVerification('cws-caretaker-relative')).toEqual({ required: true, source: 'cws-social-worker' });
    expect(exemptionVerification('ab2300-birth')).toEqual({ required: true, source: 'birth-or-placement-record' });
    expect(exemptionVerification('age-60-or-older')).toEqual({ required: false, source: null });
  });

  it('refuses the CWS-related exemption to anyone but a needy nonparent caretaker relative (EAS 42-712.45)', () => {
    expect(exemptionRefusal(parent, [], { reason: 'cws-caretaker-relative', startsOn: '2026-06-01' })).toBeDefined();
    expect(
      exemptionRefusal({ ...caretaker, needy: false }, [], { reason: 'cws-caretaker-relative', startsOn: '2026-06-01' }),
    ).toBeDefined();
    expect(exemptionRefusal(caretaker, [], { reason: 'cws-caretaker-relative', startsOn: '2026-06-01' })).toBeUndefined();
  });

  it('AB 2300: needs the birth or placement date, starts on or after it, and its end is computed by the rule', () => {
    expect(exemptionRefusal(parent, [], { reason: 'ab2300-birth', startsOn: '2026-06-01' })?.refused).toMatch(/eventOn/);
    expect(exemptionRefusal(parent, [], { reason: 'ab2300-birth', startsOn: '2026-05-01', eventOn: '2026-05-10' })).toBeDefined();
    expect(
      exemptionRefusal(parent, [], { reason: 'ab2300-placement', startsOn: '2026-05-10', eventOn: '2026-05-10', endsOn: '2026-08-02' }),
    ).toBeDefined();
    expect(exemptionRefusal(parent, [], { reason: 'ab2300-birth', startsOn: '2026-05-10', eventOn: '2026-05-10' })).toBeUndefined();
    expect(exemptionRefusal(parent, [], { reason: 'disability', startsOn: '2026-05-10', eventOn: '2026-05-10' })).toBeDefined();
  });

  it('AB 2300 clock counts from the start of the California day of the birth (PDT in summer, PST in winter)', () => {
    expect(ab2300Clock('2026-07-04')).toEqual({
      purpose: 'ab2300-exemption',
      ruleId: 'calworks.wtw.ab2300-exemption',
      startAt: '2026-07-04T00:00:00.000-07:00',
    });
    expect(ab2300Clock('2026-12-01').startAt).toBe('2026-12-01T00:00:00.000-08:00');
  });

  it('refuses a second exemption of the same reason while one is in effect or pending, not after one ended or failed', () => {
    const existing: ExemptionFacts[] = [
      { reason: 'disability', startsOn: '2026-01-01', endsOn: '2026-03-31', verificationStatus: 'verified' },
    ];
    expect(exemptionRefusal(parent, existing, { reason: 'disability', startsOn: '2026-03-31' })).toBeDefined();
    expect(exemptionRefusal(parent, existing, { reason: 'disability', startsOn: '2026-04-01' })).toBeUndefined();
    const failed: ExemptionFacts[] = [{ reason: 'pregnancy', startsOn: '2026-01-01', endsOn: null, verificationStatus: 'not-verified' }];
    expect(exemptionRefusal(parent, failed, { reason: 'pregnancy', startsOn: '2026-02-01' })).toBeUndefined();
    expect(exemptionRefusal(parent, [], { reason: 'pregnancy', startsOn: '2026-02-01', endsOn: '2026-01-31' })).toBeDefined();
  });

  it('is verified once, by the source its reason requires', () => {
    const pending: ExemptionFacts = {
      reason: 'cws-caretaker-relative',
      startsOn: '2026-01-01',
      endsOn: null,
      verificationStatus: 'pending',
    };
    expect(verificationRefusal(pending, { outcome: 'verified', source: 'cws-social-worker', verifiedOn: '2026-01-05' })).toBeUndefined();
    expect(verificationRefusal(pending, { outcome: 'verified', source: 'other-document', verifiedOn: '2026-01-05' })).toBeDefined();
    expect(verificationRefusal(pending, { outcome: 'not-verified', source: 'other-document', verifiedOn: '2026-01-05' })).toBeUndefined();
    expect(
      verificationRefusal(
        { ...pending, verificationStatus: 'verified' },
        { outcome: 'verified', source: 'cws-social-worker', verifiedOn: '2026-01-05' },
      ),
    ).toBeDefined();
    expect(
      verificationRefusal(
        { ...pending, reason: 'age-60-or-older' },
        { outcome: 'verified', source: 'other-document', verifiedOn: '2026-01-05' },
      ),
    ).toBeDefined();
  });

  it('exempts on a date only when in effect and verified (or needing no verification)', () => {
    const list: ExemptionFacts[] = [
      { reason: 'cws-caretaker-relative', startsOn: '2026-01-01', endsOn: null, verificationStatus: 'pending' },
      { reason: 'age-60-or-older', startsOn: '2026-02-01', endsOn: null, verificationStatus: 'pending' },
      { reason: 'disability', startsOn: '2026-01-01', endsOn: '2026-01-31', verificationStatus: 'verified' },
    ];
    expect(exemptionsInEffect(list, '2026-01-15').map((e) => e.reason)).toEqual(['disability']);
    expect(exemptionsInEffect(list, '2026-02-15').map((e) => e.reason)).toEqual(['age-60-or-older']);
  });
});

describe('plans, hours and services', () => {
  it('adds the weekly hours of the activities in effect on the date', () => {
    const activities = [
      { weeklyHours: 20, startsOn: '2026-01-05', endsOn: null },
      { weeklyHours: 10, startsOn: '2026-01-05', endsOn: '2026-02-28' },
      { weeklyHours: 5, startsOn: '2026-03-01', endsOn: null },
    ];
    expect(weeklyHoursOn(activities, '2026-01-04')).toBe(0);
    expect(weeklyHoursOn(activities, '2026-02-28')).toBe(30);
    expect(weeklyHoursOn(activities, '2026-03-01')).toBe(25);
  });
  it('refuses activities before the plan is signed or ending before they start', () => {
    expect(planRefusal('2026-01-05', [{ weeklyHours: 20, startsOn: '2026-01-04', endsOn: null }])).toBeDefined();
    expect(planRefusal('2026-01-05', [{ weeklyHours: 20, startsOn: '2026-01-06', endsOn: '2026-01-05' }])).toBeDefined();
    expect(planRefusal('2026-01-05', [{ weeklyHours: 20, startsOn: '2026-01-05', endsOn: null }])).toBeUndefined();
  });
  it('orders a service request → authorization → in place', () => {
    expect(supportiveServiceRefusal({ requestedOn: '2026-01-05', authorizedOn: '2026-01-04' })).toBeDefined();
    expect(supportiveServiceRefusal({ requestedOn: '2026-01-05', inPlaceOn: '2026-01-06' })).toBeDefined();
    expect(supportiveServiceRefusal({ requestedOn: '2026-01-05', authorizedOn: '2026-01-07', inPlaceOn: '2026-01-06' })).toBeDefined();
    expect(supportiveServiceRefusal({ requestedOn: '2026-01-05', authorizedOn: '2026-01-06', inPlaceOn: '2026-01-08' })).toBeUndefined();
  });
  it('allows one open Family Stabilization referral', () => {
    expect(familyStabilizationRefusal(1)).toBeDefined();
    expect(familyStabilizationRefusal(0)).toBeUndefined();
  });
});
