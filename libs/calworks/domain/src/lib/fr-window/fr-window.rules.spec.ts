import {
  ab135Refusal,
  ab429GoodCauseRefusal,
  ab429Refusal,
  closeReasonOf,
  defaultFrCountySettings,
  frDateOf,
  futureFactRefusal,
  redeterminationAlignment,
  windowStartOf,
  type Ab429Exclusions,
  type FrEligibilityFacts,
} from './fr-window.rules';

const eligible: FrEligibilityFacts = {
  allChildrenRemoved: true,
  auAidedAtRemoval: true,
  caretakerRole: 'parent',
  caretakerNeedy: true,
  parentWtwSanctioned: false,
};
const none: Ab429Exclusions = { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false };

describe('AB 135 eligibility (RULES.md 4, "Eligibility conditions")', () => {
  it('grants an aided parent whose children are all removed', () => {
    expect(ab135Refusal(eligible)).toBeUndefined();
  });
  it('refuses while a CalWORKs-eligible child is still in the home', () => {
    expect(ab135Refusal({ ...eligible, allChildrenRemoved: false })?.code).toBe('not-all-children-removed');
  });
  it('refuses a non-needy caretaker relative, but not a needy one', () => {
    expect(ab135Refusal({ ...eligible, caretakerRole: 'caretaker-relative', caretakerNeedy: false })?.code).toBe(
      'non-needy-caretaker-relative',
    );
    expect(ab135Refusal({ ...eligible, caretakerRole: 'caretaker-relative', caretakerNeedy: true })).toBeUndefined();
  });
  it('refuses an AU not aided at removal unless the parent was WTW-sanctioned', () => {
    expect(ab135Refusal({ ...eligible, auAidedAtRemoval: false })?.code).toBe('au-not-aided-at-removal');
    expect(ab135Refusal({ ...eligible, auAidedAtRemoval: false, parentWtwSanctioned: true })).toBeUndefined();
  });
});

describe('AB 429 exclusions (RULES.md 4, "AB 429 exclusions")', () => {
  it.each([
    ['ssiRecipient', 'ssi-recipient'],
    ['undocumentedNoncitizen', 'undocumented-noncitizen'],
    ['fleeingFelon', 'fleeing-felon'],
    ['timeOnAidLimitReached', 'time-on-aid-limit-reached'],
  ] as const)('refuses %s with its reason', (field, code) => {
    const refusal = ab429Refusal(eligible, { ...none, [field]: true });
    expect(refusal?.code).toBe(code);
    expect(refusal?.reason).toContain('RULES.md 4');
  });
  it('lets a sanctioned parent join at once, even when the AU was not aided', () => {
    expect(ab429Refusal({ ...eligible, auAidedAtRemoval: false, parentWtwSanctioned: true }, none)).toBeUndefined();
    expect(ab429Refusal({ ...eligible, auAidedAtRemoval: false }, none)?.code).toBe('au-not-aided-at-removal');
  });
});

describe('the AB 135 grant date (ACL 25-05: temporary-absence month first, amendment date, go-live)', () => {
  // Removal Wed 15 Sep 2027: the absence month is October (September prorated) → due Sun 31 Oct 2027 23:59:59.999 PDT.
  const absenceDue = '2027-10-31T23:59:59.999-07:00';

  it('a plan filed during the absence month: the window starts the day after it, on the 1st (no prorated month)', () => {
    const start = windowStartOf({ temporaryAbsenceDueAt: absenceDue, recommendedOn: '2027-10-05', planKind: 'initial' });
    expect(start.startsOn).toBe('2027-11-01');
    expect(start.startAt).toBe('2027-11-01T00:00:00.000-07:00');
    expect(start.because.join(' ')).toContain('the day after the one month of temporary absence');
    expect(start.because.at(-1)).toContain('Starts on the 1st');
  });

  it('a plan amended after the absence month: the window starts on the amendment date, prorated', () => {
    const start = windowStartOf({ temporaryAbsenceDueAt: absenceDue, recommendedOn: '2027-11-16', planKind: 'update' });
    expect(start.startsOn).toBe('2027-11-16');
    expect(start.startAt).toBe('2027-11-16T00:00:00.000-08:00');
    expect(start.because[0]).toContain('amendment date');
    expect(start.because.at(-1)).toContain('prorated');
  });

  it('never before the 1 Jan 2025 go-live', () => {
    const start = windowStartOf({
      temporaryAbsenceDueAt: '2024-10-31T23:59:59.999-07:00',
      recommendedOn: '2024-10-10',
      planKind: 'initial',
    });
    expect(start.startsOn).toBe('2025-01-01');
    expect(start.because.join(' ')).toContain('go-live');
  });

  it('reads instants as California dates', () => {
    expect(frDateOf('2027-11-01T06:30:00Z')).toBe('2027-10-31');
  });
});

describe('what ends the window (RULES.md 4, "What ends the window")', () => {
  it('a return home does, a trial home visit does not', () => {
    expect(closeReasonOf({ kind: 'child-reunified', trialHomeVisit: false }, defaultFrCountySettings)).toBe('returned-home');
    expect(closeReasonOf({ kind: 'child-reunified', trialHomeVisit: true }, defaultFrCountySettings)).toBeUndefined();
  });
  it('services terminated and TPR end it by default; a county may turn either off (unconfirmed, RULES.md 8.5)', () => {
    expect(closeReasonOf({ kind: 'services-terminated' }, defaultFrCountySettings)).toBe('services-terminated');
    expect(closeReasonOf({ kind: 'parental-rights-terminated' }, defaultFrCountySettings)).toBe('parental-rights-terminated');
    const county = { ...defaultFrCountySettings, closesOnServicesTerminated: false, closesOnParentalRightsTerminated: false };
    expect(closeReasonOf({ kind: 'services-terminated' }, county)).toBeUndefined();
    expect(closeReasonOf({ kind: 'parental-rights-terminated' }, county)).toBeUndefined();
  });
  it('the end of the six months and a closed case do', () => {
    expect(closeReasonOf({ kind: 'window-ended' }, defaultFrCountySettings)).toBe('window-ended');
    expect(closeReasonOf({ kind: 'case-closed' }, defaultFrCountySettings)).toBe('case-closed');
  });
});

describe('AB 429 redetermination aligned with the child welfare review', () => {
  it('moves to an earlier review date, never to a later or past one', () => {
    expect(redeterminationAlignment('2028-01-02', '2027-12-10', '2027-07-02')).toBe('2027-12-10');
    expect(redeterminationAlignment('2028-01-02', '2028-02-10', '2027-07-02')).toBeUndefined();
    expect(redeterminationAlignment('2028-01-02', '2027-06-10', '2027-07-02')).toBeUndefined();
    expect(redeterminationAlignment('2028-01-02', undefined, '2027-07-02')).toBeUndefined();
  });
});

describe('facts dated in the future are refused', () => {
  const now = new Date('2027-03-01T20:00:00Z'); // Mon 1 Mar 2027, 12:00 PST
  it('a date after today in California', () => {
    expect(futureFactRefusal('2027-03-02', now)).toContain('in the future');
    expect(futureFactRefusal('2027-03-01', now)).toBeUndefined();
  });
  it('an instant beyond 5 minutes of clock skew', () => {
    expect(futureFactRefusal('2027-03-01T20:04:00Z', now)).toBeUndefined();
    expect(futureFactRefusal('2027-03-01T20:06:00Z', now)).toContain('in the future');
  });
});

describe('child welfare’s good cause to continue AB 429 services (RULES.md 4, "Services beyond 6 months")', () => {
  const base = { periodEndsOn: '2030-07-15', grantedOn: '2030-06-25', continuesThrough: '2030-12-31', maxDaysPastPeriod: 180 };
  it('continues services that still run, past their period and within the county’s limit', () => {
    expect(ab429GoodCauseRefusal(base)).toBeUndefined();
    expect(ab429GoodCauseRefusal({ ...base, continuesThrough: '2031-01-11' })).toBeUndefined(); // 180 days past: the limit
  });
  it('refuses services that ended, a second grant, a date not past the period and one beyond the limit, each with its reason', () => {
    expect(ab429GoodCauseRefusal({ ...base, endedOn: '2030-07-15' })?.code).toBe('ab429-services-ended');
    expect(ab429GoodCauseRefusal({ ...base, goodCauseThrough: '2030-10-01' })?.code).toBe('ab429-good-cause-already-granted');
    expect(ab429GoodCauseRefusal({ ...base, continuesThrough: '2030-07-15' })?.code).toBe('good-cause-not-past-period');
    const beyond = ab429GoodCauseRefusal({ ...base, continuesThrough: '2031-01-12' });
    expect(beyond).toMatchObject({ code: 'good-cause-beyond-county-limit', reason: expect.stringContaining('2031-01-11') });
  });
});
