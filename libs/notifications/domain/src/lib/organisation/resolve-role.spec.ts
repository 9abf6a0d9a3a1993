import { countyCalendarSpec } from '@linkages/platform-deadlines';
import { inQuietHours } from '../delivery/delivery-policy';
import { ESCALATION_ZONE as ZONE, isWithinBusinessHours } from '../escalation/escalation-window';
import type { Unit } from './organisation.types';
import { validateOrganisation } from './organisation.validation';
import {
  absenceFixture,
  personFixture as person,
  resolveRequestFixture as req,
  snapshotFixture as snap,
  THANKSGIVING_10,
  unitFixture,
  WED_10,
  WED_22,
} from './organisation.spec-fixtures';
import { resolveRole } from './resolve-role';

const unit = unitFixture();

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

describe('quiet hours and after-hours coverage of a legally urgent level', () => {
  const quiet = { start: '20:00', end: '07:00' };

  it('skips a cover in their own quiet hours to the next one awake', () => {
    const s = snap();
    s.people[0] = person('w', { quietHours: quiet });
    s.people[1] = person('sup', { quietHours: quiet });
    expect(resolveRole(s, req('assigned-worker', { at: WED_22, legallyUrgent: true })).recipients[0]).toMatchObject({
      staffId: 'mgr',
      via: 'quiet-hours-coverage',
      skipped: 'w',
    });
  });

  it('goes past an absent holder’s cover who is in quiet hours', () => {
    const s = snap();
    s.people[1] = person('sup', { absences: [absenceFixture({ coverId: 'sup2' })] });
    s.people[2] = person('sup2', { quietHours: quiet });
    const urgent = resolveRole(s, req('supervisor', { at: WED_22, legallyUrgent: true })).recipients[0];
    expect(urgent).toMatchObject({ staffId: 'mgr', via: 'quiet-hours-coverage', skipped: 'sup2' });
    expect(resolveRole(s, req('supervisor', { at: WED_22 })).recipients).toEqual([
      { staffId: 'sup2', role: 'supervisor', via: 'coverage', skipped: 'sup', reason: 'absent leave until 2026-12-09T00:00:00Z' },
    ]);
  });

  it('notifies the holder anyway, with a note, when every cover is in quiet hours too', () => {
    const s = snap();
    s.people = s.people.map((p) => ({ ...p, quietHours: quiet }));
    const r = resolveRole(s, req('supervisor', { at: WED_22, legallyUrgent: true }));
    expect(r.recipients[0]).toEqual({ staffId: 'sup', role: 'supervisor', via: 'direct' });
    expect(r.note).toContain('quiet hours');
  });

  it('counts a county holiday as outside business hours (the escalation window’s calendar), and honours a given calendar', () => {
    expect(resolveRole(snap(), req('supervisor', { at: THANKSGIVING_10, legallyUrgent: true })).recipients.map((r) => r.via)).toEqual([
      'direct',
      'after-hours-coverage',
    ]);
    const open = { businessHours: { start: '08:00', end: '17:00' }, calendar: countyCalendarSpec('06085', { openDays: ['2026-11-26'] }) };
    expect(resolveRole(snap(), req('supervisor', { at: THANKSGIVING_10, legallyUrgent: true }), open).recipients).toHaveLength(1);
    const late = { businessHours: { start: '08:00', end: '23:00' }, calendar: countyCalendarSpec('06085') };
    expect(resolveRole(snap(), req('supervisor', { at: WED_22, legallyUrgent: true }), late).recipients).toHaveLength(1);
  });
});

describe('time helpers', () => {
  it('business hours are open days of the county calendar, 08–17 Los Angeles', () => {
    const hours = { start: '08:00', end: '17:00' };
    const calendar = countyCalendarSpec('06085');
    expect(isWithinBusinessHours(WED_10, hours, calendar)).toBe(true);
    expect(isWithinBusinessHours(WED_22, hours, calendar)).toBe(false);
    expect(isWithinBusinessHours('2026-12-05T18:00:00Z', hours, calendar)).toBe(false); // Saturday
    expect(isWithinBusinessHours(THANKSGIVING_10, hours, calendar)).toBe(false);
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
      'person cal: unit er is of another agency or county',
    ]);
    expect(validateOrganisation(snap())).toEqual([]);
  });

  it('refuses a supervisor outside their unit, a person of an unknown unit, and an absence covered by the absent person', () => {
    const s = snap();
    s.people[1] = person('sup', { unitId: 'elsewhere', absences: [absenceFixture({ coverId: 'sup' })] });
    expect(validateOrganisation(s)).toEqual([
      'unit er: supervisorId sup is not in the unit',
      'person sup: unit elsewhere unknown',
      'person sup: absence a covered by the absent person',
    ]);
  });

  it('accepts an ended absence that never began (its end is its start)', () => {
    const s = snap();
    const at = '2026-12-05T00:00:00Z';
    s.people[1] = person('sup', { absences: [absenceFixture({ from: at, to: at, endedAt: '2026-12-02T00:00:00Z' })] });
    expect(validateOrganisation(s)).toEqual([]);
    expect(resolveRole(s, req('supervisor', { at })).recipients[0]?.staffId).toBe('sup');
  });
});
