import { defaultLinkagesSettings, type LinkagesCountySettings } from './linkages-settings';
import { emptyFamilyFacts, enrollmentChange, placeInStrategy, type FamilyFacts } from './strategy.rules';

const AT = '2027-03-01T10:00:00-08:00';
const facts = (over: Partial<FamilyFacts> = {}): FamilyFacts => ({ ...emptyFamilyFacts(), ...over });
const aided = { status: 'aided' as const };
const applicant = { status: 'applicant' as const };
const place = (f: FamilyFacts, settings: LinkagesCountySettings = defaultLinkagesSettings) => placeInStrategy(f, settings, AT);
const caseOf = (caseType: FamilyFacts['cases'][number]['caseType'], openedOn = '2027-02-01', closedOn?: string) => ({
  caseId: `case-${caseType}-${openedOn}`,
  caseType,
  openedOn,
  ...(closedOn ? { closedOn } : {}),
});

describe('placeInStrategy: each Linkages strategy (issue 13 item 3)', () => {
  it('FR case with CalWORKs aid → intervention-fr (AB 429 / AB 135 coordination)', () => {
    const p = place(facts({ cases: [caseOf('family-reunification')], calworks: aided }));
    expect(p).toEqual({ strategy: 'intervention-fr', tracks: [], reasons: ['fr-case-open', 'calworks-aided'], caseStage: 'fr', since: AT });
  });

  it('FM case (court or voluntary) with a CalWORKs applicant → intervention-fm (joint plan and monitoring)', () => {
    expect(place(facts({ cases: [caseOf('family-maintenance-voluntary')], calworks: applicant }))).toMatchObject({
      strategy: 'intervention-fm',
      reasons: ['fm-case-open', 'calworks-applicant'],
      caseStage: 'fm',
    });
    expect(place(facts({ cases: [caseOf('family-maintenance-court')], calworks: aided })).strategy).toBe('intervention-fm');
  });

  it('accepted ER referral on an aided AU → intervention-er; on an applicant it is not ER + CalWORKs', () => {
    const referral = { referralId: 'r1', acceptedAt: '2027-02-27T09:00:00-08:00' };
    expect(place(facts({ erReferrals: [referral], calworks: aided }))).toMatchObject({
      strategy: 'intervention-er',
      reasons: ['er-referral-accepted', 'calworks-aided'],
      caseStage: 'er',
    });
    expect(place(facts({ cases: [caseOf('emergency-response')], calworks: aided }))).toMatchObject({
      strategy: 'intervention-er',
      reasons: ['er-case-open', 'calworks-aided'],
    });
    // An applicant (no open CalWORKs case): CalWORKs applicants generally get information.
    expect(place(facts({ erReferrals: [referral], calworks: applicant })).strategy).toBe('prevention-information');
  });

  it('CalWORKs applicant with risk factors and no open CWS case → prevention-early-intervention; any applicant → information', () => {
    expect(place(facts({ calworks: applicant, riskFactors: ['domestic-violence'] }))).toMatchObject({
      strategy: 'prevention-early-intervention',
      reasons: ['calworks-applicant', 'risk-factors-identified', 'no-open-cws-case'],
      caseStage: 'none',
    });
    expect(place(facts({ calworks: applicant }))).toMatchObject({ strategy: 'prevention-information', reasons: ['calworks-applicant'] });
    // Risk factors with an open CWS case are not prevention.
    expect(place(facts({ calworks: applicant, riskFactors: ['mental-health'], cases: [caseOf('emergency-response')] })).strategy).toBe(
      'prevention-information',
    );
  });

  it('report evaluated out as poverty alone (AB 2085): consenting family not served → benefit-access; served → prevention', () => {
    const out = {
      referralId: 'r2',
      evaluatedOutAt: '2027-02-28T15:00:00-08:00',
      povertyOnly: true,
      referToServices: true,
      familyConsents: true,
    };
    expect(place(facts({ evaluatedOut: out }))).toMatchObject({
      strategy: 'benefit-access',
      reasons: ['evaluated-out', 'poverty-only-ab2085', 'family-consents'],
    });
    expect(place(facts({ evaluatedOut: { ...out, familyConsents: false }, calworks: aided }))).toMatchObject({
      strategy: 'prevention-early-intervention',
      reasons: ['evaluated-out', 'poverty-only-ab2085', 'calworks-serving'],
    });
    // Neither consent nor CalWORKs: nothing may be shared, no strategy.
    expect(place(facts({ evaluatedOut: { ...out, familyConsents: false } })).strategy).toBeNull();
    // Evaluated out without a referral to services and not poverty alone: no strategy.
    expect(place(facts({ evaluatedOut: { ...out, povertyOnly: false, referToServices: false } })).strategy).toBeNull();
  });

  it('special populations: an extra track beside FR, the strategy when nothing else places the family', () => {
    const fr = place(
      facts({ cases: [caseOf('family-reunification')], calworks: aided, special: { homeless: true, parentAgeBands: ['under-20'] } }),
    );
    expect(fr).toMatchObject({
      strategy: 'intervention-fr',
      tracks: ['special-populations'],
      reasons: ['fr-case-open', 'calworks-aided', 'homeless', 'teen-parent'],
    });
    expect(place(facts({ calworks: aided, sanctioned: true }))).toMatchObject({ strategy: 'special-populations', reasons: ['sanctioned'] });
    // The county's criteria decide (unconfirmed): a county without the sanctioned criterion places nobody for it.
    const county = { ...defaultLinkagesSettings, specialPopulations: { ...defaultLinkagesSettings.specialPopulations, sanctioned: false } };
    expect(place(facts({ calworks: aided, sanctioned: true }), county).strategy).toBeNull();
  });

  it('an aided family with nothing else is in no strategy', () => {
    expect(place(facts({ calworks: aided }))).toEqual({ strategy: null, tracks: [], reasons: [], caseStage: 'none', since: AT });
  });
});

describe('placement as the CWS case moves: ER → FM → after-care → closed, and ER → FR', () => {
  const referral = { referralId: 'r1', acceptedAt: '2027-01-05T09:00:00-08:00' };
  it('supersedes the enrollment at each stage and ends it when the case closes', () => {
    const er = place(facts({ erReferrals: [referral], calworks: aided }));
    expect(er).toMatchObject({ strategy: 'intervention-er', caseStage: 'er' });
    expect(enrollmentChange(undefined, er)).toBe('start');
    const current = { enrollmentId: 'e1', strategy: 'intervention-er' as const, tracks: [], caseStage: 'er' as const };
    expect(enrollmentChange(current, er)).toBe('keep');

    const fm = place(facts({ erReferrals: [referral], cases: [caseOf('family-maintenance-court', '2027-01-20')], calworks: aided }));
    expect(fm).toMatchObject({ strategy: 'intervention-fm', caseStage: 'fm' });
    expect(enrollmentChange(current, fm)).toBe('supersede');

    const afterCare = place(
      facts({
        erReferrals: [referral],
        cases: [caseOf('family-maintenance-court', '2027-01-20', '2027-07-20'), caseOf('after-care', '2027-07-20')],
        calworks: aided,
      }),
    );
    expect(afterCare).toMatchObject({
      strategy: 'intervention-fm',
      caseStage: 'after-care',
      reasons: ['after-care-case-open', 'calworks-aided'],
    });
    expect(enrollmentChange({ ...current, strategy: 'intervention-fm', caseStage: 'fm' }, afterCare)).toBe('supersede');

    const closed = place(
      facts({
        erReferrals: [referral],
        cases: [caseOf('family-maintenance-court', '2027-01-20', '2027-07-20'), caseOf('after-care', '2027-07-20', '2028-01-20')],
        calworks: aided,
      }),
    );
    expect(closed).toMatchObject({ strategy: null, caseStage: 'closed' });
    expect(enrollmentChange({ ...current, strategy: 'intervention-fm', caseStage: 'after-care' }, closed)).toBe('end');
  });

  it('ER → FR when a child is removed and an FR case opens; a new accepted referral after a closed case is ER again', () => {
    expect(place(facts({ erReferrals: [referral], cases: [caseOf('family-reunification', '2027-01-09')], calworks: aided }))).toMatchObject(
      {
        strategy: 'intervention-fr',
        caseStage: 'fr',
      },
    );
    const again = place(
      facts({
        erReferrals: [referral, { referralId: 'r3', acceptedAt: '2028-03-01T09:00:00-08:00' }],
        cases: [caseOf('family-reunification', '2027-01-09', '2027-12-01')],
        calworks: aided,
      }),
    );
    expect(again).toMatchObject({ strategy: 'intervention-er', caseStage: 'er' });
  });

  it('a track change alone supersedes', () => {
    const current = { enrollmentId: 'e1', strategy: 'intervention-fr' as const, tracks: [], caseStage: 'fr' as const };
    const p = place(facts({ cases: [caseOf('family-reunification')], calworks: aided, special: { homeless: true, parentAgeBands: [] } }));
    expect(enrollmentChange(current, p)).toBe('supersede');
  });
});
