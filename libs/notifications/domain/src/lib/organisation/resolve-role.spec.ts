import type { ResolveRecipientsRequest } from '../escalation/escalation-activities.contract';
import type { OrganisationSnapshot, Person, Unit } from './organisation.types';
import { validateOrganisation } from './organisation.validation';
import { inQuietHours } from '../delivery/delivery-policy';
import { isBusinessHours, resolveRole } from './resolve-role';

const person = (staffId: string, over: Partial<Person> = {}): Person => ({
  staffId,
  displayName: staffId,
  agency: 'cws',
  countyCode: '06085',
  unitId: 'er',
  absences: [],
  channels: { email: true, webhook: false },
  ...over,
});
const unit: Unit = {
  unitId: 'er',
  name: 'ER',
  agency: 'cws',
  countyCode: '06085',
  supervisorId: 'sup',
  managerId: 'mgr',
  managerOnDutyId: 'mod',
  afterHoursCoverId: 'ahc',
  intakeWorkerId: 'intake',
  programs: ['child-welfare'],
};
const snap = (over: Partial<OrganisationSnapshot> = {}): OrganisationSnapshot => ({
  people: ['w', 'sup', 'sup2', 'mgr', 'mod', 'ahc', 'intake'].map((id) => person(id)),
  units: [unit],
  assignments: [
    { countyCode: '06085', ownerService: 'child-welfare', familyId: 'fam', staffId: 'w', reason: 'r', by: 'x', at: '2026-01-01T00:00:00Z' },
  ],
  ...over,
});
// Wednesday 2026-12-02 10:00 Los Angeles = 18:00Z
const WED_10 = '2026-12-02T18:00:00Z';
const WED_22 = '2026-12-03T06:00:00Z';
const req = (role: string, over: Partial<ResolveRecipientsRequest> = {}): ResolveRecipientsRequest => ({
  subject: {
    escalationId: 'e',
    deadlineId: 'd',
    familyId: 'fam',
    countyCode: '06085',
    ownerService: 'child-welfare',
    ruleId: 'r',
    citation: 'c',
    subjectRef: 'referral/123/investigation',
    dueAt: WED_10,
    overdueSince: WED_10,
  },
  level: 1,
  role,
  at: WED_10,
  legallyUrgent: false,
  ...over,
});

const ZONE = 'America/Los_Angeles';

describe('resolveRole', () => {
  it('resolves the assigned worker of the family', () => {
    expect(resolveRole(snap(), req('assigned-worker')).recipients).toEqual([{ staffId: 'w', role: 'assigned-worker', via: 'direct' }]);
  });

  it('prefers the longest subjectRef prefix over the family', () => {
    const s = snap();
    s.people.push(person('w2'), person('w3'));
    s.assignments.push(
      { countyCode: '06085', ownerService: 'child-welfare', subjectRef: 'referral/123', staffId: 'w2', reason: 'r', by: 'x', at: WED_10 },
      {
        countyCode: '06085',
        ownerService: 'child-welfare',
        subjectRef: 'referral/123/investigation',
        staffId: 'w3',
        reason: 'r',
        by: 'x',
        at: WED_10,
      },
      { countyCode: '06085', ownerService: 'child-welfare', subjectRef: 'referral/12', staffId: 'w2', reason: 'r', by: 'x', at: WED_10 },
    );
    expect(resolveRole(s, req('assigned-worker')).recipients[0]?.staffId).toBe('w3');
  });

  it('falls back to the intake worker with a note when nobody is assigned', () => {
    const r = resolveRole(snap({ assignments: [] }), req('assigned-worker'));
    expect(r.recipients).toEqual([{ staffId: 'intake', role: 'assigned-worker', via: 'unassigned-fallback' }]);
    expect(r.note).toContain('intake');
  });

  it('ignores an assignment to staff of another agency', () => {
    const s = snap();
    s.people[0] = person('w', { agency: 'calworks' });
    expect(resolveRole(s, req('assigned-worker')).recipients[0]?.via).toBe('unassigned-fallback');
  });

  it.each([
    ['supervisor', 'sup'],
    ['manager', 'mgr'],
    ['manager-on-duty', 'mod'],
  ])('resolves %s of the unit', (role, id) => {
    expect(resolveRole(snap(), req(role)).recipients).toEqual([{ staffId: id, role, via: 'direct' }]);
  });

  it('says so when no unit serves the owner service', () => {
    const r = resolveRole(snap({ units: [], assignments: [] }), req('supervisor'));
    expect(r.recipients).toEqual([]);
    expect(r.note).toContain('no cws unit');
  });

  it('refuses an unknown role with a note', () => {
    expect(resolveRole(snap(), req('director')).note).toContain('unknown role');
  });

  it('skips an absent supervisor to their cover', () => {
    const s = snap();
    s.people[1] = person('sup', {
      absences: [{ absenceId: 'a', from: '2026-12-01T00:00:00Z', to: '2026-12-09T00:00:00Z', coverId: 'sup2', reasonCode: 'leave' }],
    });
    expect(resolveRole(s, req('supervisor')).recipients).toEqual([
      { staffId: 'sup2', role: 'supervisor', via: 'coverage', skipped: 'sup', reason: 'absent leave until 2026-12-09T00:00:00Z' },
    ]);
  });

  it('ignores an absence that does not cover the instant', () => {
    const s = snap();
    s.people[1] = person('sup', {
      absences: [{ absenceId: 'a', from: '2026-12-05T00:00:00Z', to: '2026-12-09T00:00:00Z', coverId: 'sup2', reasonCode: 'leave' }],
    });
    expect(resolveRole(s, req('supervisor')).recipients[0]?.staffId).toBe('sup');
  });

  it('covers an absent worker by the supervisor, then the manager when the supervisor is absent too', () => {
    const abs = [{ absenceId: 'a', from: '2026-12-01T00:00:00Z', to: '2026-12-09T00:00:00Z', reasonCode: 'leave' }];
    const s = snap();
    s.people[0] = person('w', { absences: abs });
    expect(resolveRole(s, req('assigned-worker')).recipients[0]).toMatchObject({ staffId: 'sup', via: 'coverage', skipped: 'w' });
    s.people[1] = person('sup', { absences: abs });
    expect(resolveRole(s, req('assigned-worker')).recipients[0]).toMatchObject({ staffId: 'mgr', via: 'coverage', skipped: 'w' });
  });

  it('stops on a coverage cycle with a note', () => {
    const abs = (cover: string) => [
      { absenceId: 'a', from: '2026-12-01T00:00:00Z', to: '2026-12-09T00:00:00Z', coverId: cover, reasonCode: 'leave' },
    ];
    const s = snap();
    s.people = s.people.map((p) => (['sup', 'mgr'].includes(p.staffId) ? { ...p, absences: abs(p.staffId === 'sup' ? 'mgr' : 'sup') } : p));
    const r = resolveRole(s, req('supervisor'));
    expect(r.recipients).toEqual([]);
    expect(r.note).toContain('absent');
  });

  it('never covers across agencies', () => {
    const s = snap();
    s.people.push(person('cal', { agency: 'calworks' }));
    s.people[1] = person('sup', {
      absences: [{ absenceId: 'a', from: '2026-12-01T00:00:00Z', to: '2026-12-09T00:00:00Z', coverId: 'cal', reasonCode: 'leave' }],
    });
    expect(resolveRole(s, req('supervisor')).recipients[0]?.staffId).toBe('mgr');
  });

  it('adds the after-hours cover to a legally urgent level outside business hours', () => {
    expect(resolveRole(snap(), req('supervisor', { at: WED_22, legallyUrgent: true })).recipients).toEqual([
      { staffId: 'sup', role: 'supervisor', via: 'direct' },
      { staffId: 'ahc', role: 'supervisor', via: 'after-hours-coverage', reason: 'outside business hours, legally urgent' },
    ]);
    expect(resolveRole(snap(), req('supervisor', { at: WED_22 })).recipients).toHaveLength(1);
    expect(resolveRole(snap(), req('supervisor', { legallyUrgent: true })).recipients).toHaveLength(1);
  });

  it('sends a legally urgent level during quiet hours to the cover at once', () => {
    const s = snap();
    s.people[0] = person('w', { quietHours: { start: '20:00', end: '07:00' } });
    const urgent = resolveRole(s, req('assigned-worker', { at: WED_22, legallyUrgent: true })).recipients;
    expect(urgent[0]).toMatchObject({ staffId: 'sup', via: 'quiet-hours-coverage', skipped: 'w' });
    expect(resolveRole(s, req('assigned-worker', { at: WED_22 })).recipients).toEqual([
      { staffId: 'w', role: 'assigned-worker', via: 'direct' },
    ]);
  });

  it('uses the unit serving calworks for referrals', () => {
    const cal: Unit = { ...unit, unitId: 'wtw', agency: 'calworks', programs: ['calworks', 'referrals'], supervisorId: 'csup' };
    const s = snap({ units: [unit, cal], assignments: [] });
    s.people.push(person('csup', { agency: 'calworks', unitId: 'wtw' }));
    const r = req('supervisor');
    expect(resolveRole(s, { ...r, subject: { ...r.subject, ownerService: 'referrals' } }).recipients[0]?.staffId).toBe('csup');
  });
});

describe('time helpers', () => {
  it('business hours are weekdays 08–17 Los Angeles', () => {
    expect(isBusinessHours(WED_10)).toBe(true);
    expect(isBusinessHours(WED_22)).toBe(false);
    expect(isBusinessHours('2026-12-05T18:00:00Z')).toBe(false); // Saturday
  });
  it('quiet hours may wrap midnight', () => {
    const p = person('p', { quietHours: { start: '20:00', end: '07:00' } });
    expect(inQuietHours(p, WED_22, ZONE)).toBe(true);
    expect(inQuietHours(p, WED_10, ZONE)).toBe(false);
    expect(inQuietHours(person('q', { quietHours: { start: '09:00', end: '11:00' } }), WED_10, ZONE)).toBe(true);
  });
});

describe('validateOrganisation', () => {
  it('refuses coverage across agencies and backwards absences', () => {
    const s = snap();
    s.people.push(person('cal', { agency: 'calworks' }));
    s.people[1] = person('sup', {
      absences: [{ absenceId: 'a', from: '2026-12-09T00:00:00Z', to: '2026-12-01T00:00:00Z', coverId: 'cal', reasonCode: 'leave' }],
    });
    s.units = [{ ...unit, managerId: 'cal', afterHoursCoverId: 'nobody' }];
    expect(validateOrganisation(s)).toEqual([
      'unit er: managerId cal is of another agency or county',
      'unit er: afterHoursCoverId nobody unknown',
      'person sup: absence a ends before it starts',
      'person sup: cover cal is of another agency or county',
    ]);
    expect(validateOrganisation(snap())).toEqual([]);
  });
});
