import { defaultPlanSettings, type PersonCircumstances, type PlanActivity } from './coordinated-plan';
import { confirmedWtwHours, conflictsOf, slotProblem, wtwCountCandidates, wtwCountRefusal } from './plan-conflicts.rules';

const PARENT = 'p-1';
let n = 0;
const activity = (over: Partial<PlanActivity>): PlanActivity => ({
  id: `a-${++n}`,
  agency: 'cws',
  source: 'staff',
  personRecordId: PARENT,
  kind: 'court-ordered-service',
  typeCode: 'substance-use-treatment',
  title: 'Outpatient SUD treatment',
  weeklyHours: 6,
  slots: [{ day: 'tue', start: '09:00', end: '12:00' }],
  startsOn: '2027-03-01',
  endsOn: null,
  requiresChildCare: false,
  requiresTransport: false,
  location: null,
  status: 'active',
  wtwCount: null,
  ...over,
});
const wtw = (over: Partial<PlanActivity> = {}) =>
  activity({
    agency: 'calworks',
    source: 'event',
    kind: 'wtw-activity',
    typeCode: 'job-search',
    title: null,
    weeklyHours: 30,
    slots: [],
    ...over,
  });
const service = (typeCode: string, over: Partial<PlanActivity> = {}) =>
  activity({ agency: 'calworks', source: 'event', kind: 'supportive-service', typeCode, title: null, weeklyHours: 0, slots: [], ...over });
const circumstances = (over: Partial<PersonCircumstances> = {}): PersonCircumstances => ({
  personRecordId: PARENT,
  hasVehicle: false,
  hasLicence: false,
  transitAccess: false,
  childCareArranged: false,
  ...over,
});
const codes = (plan: PlanActivity[], circ: PersonCircumstances[] = [], settings = defaultPlanSettings) =>
  conflictsOf(plan, circ, settings).map((c) => c.code);

describe('conflictsOf', () => {
  it('flags overlapping appointments of the same person, with the days and times in the reason', () => {
    const sud = activity({ slots: [{ day: 'tue', start: '09:00', end: '12:00' }] });
    const job = wtw({ weeklyHours: 10, slots: [{ day: 'tue', start: '11:00', end: '15:00' }] });
    const [conflict, ...rest] = conflictsOf([sud, job], [], defaultPlanSettings);
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({ code: 'overlapping-appointments', activityIds: [sud.id, job.id].sort() });
    expect(conflict?.reason).toBe('A court-ordered service (Tuesday 09:00–12:00) overlaps a WTW activity (Tuesday 11:00–15:00).');
    // Facts only: the CWS service's title or type never appears in the reason.
    expect(conflict?.reason).not.toMatch(/SUD|substance/i);
  });

  it('does not flag slots that only touch, other days, other people, or activities over different dates', () => {
    const sud = activity({ slots: [{ day: 'tue', start: '09:00', end: '12:00' }], endsOn: '2027-04-30' });
    expect(codes([sud, wtw({ weeklyHours: 5, slots: [{ day: 'tue', start: '12:00', end: '14:00' }] })])).toEqual([]);
    expect(codes([sud, wtw({ weeklyHours: 5, slots: [{ day: 'wed', start: '09:00', end: '12:00' }] })])).toEqual([]);
    expect(codes([sud, wtw({ weeklyHours: 5, personRecordId: 'p-2', slots: [{ day: 'tue', start: '09:00', end: '12:00' }] })])).toEqual([]);
    expect(codes([sud, wtw({ weeklyHours: 5, startsOn: '2027-05-01', slots: [{ day: 'tue', start: '09:00', end: '12:00' }] })])).toEqual(
      [],
    );
    expect(codes([sud, wtw({ weeklyHours: 5, status: 'ended', slots: [{ day: 'tue', start: '09:00', end: '12:00' }] })])).toEqual([]);
  });

  it('flags WTW hours that leave no time for court-ordered treatment, with the county ceiling', () => {
    const sud = activity({ weeklyHours: 9 });
    const job = wtw({ weeklyHours: 30 });
    // 30 + 9 + 2 × 1 h travel = 41 > 40.
    const [conflict] = conflictsOf([sud, job], [], defaultPlanSettings);
    expect(conflict).toMatchObject({ code: 'no-time-for-court-ordered', activityIds: [sud.id, job.id].sort() });
    expect(conflict?.reason).toContain('41 h a week, more than the county');
    // 30 + 8 + 2 = 40: within the ceiling.
    expect(codes([activity({ weeklyHours: 8 }), wtw({ weeklyHours: 30 })])).toEqual([]);
    // A county with a higher ceiling: nothing.
    expect(codes([sud, job], [], { ...defaultPlanSettings, maxWeeklyHours: 45 })).toEqual([]);
    // WTW hours alone are not this conflict.
    expect(codes([wtw({ weeklyHours: 45 })])).toEqual([]);
  });

  it('flags an activity that needs child care without a child-care service in place, unless child care is arranged', () => {
    const job = wtw({ weeklyHours: 20, requiresChildCare: true });
    expect(codes([job])).toEqual(['no-child-care']);
    expect(codes([job, service('child-care')])).toEqual([]);
    expect(codes([job, service('child-care', { status: 'ended' })])).toEqual(['no-child-care']);
    expect(codes([job, service('child-care', { personRecordId: 'p-2' })])).toEqual(['no-child-care']);
    expect(codes([job, service('child-care', { endsOn: '2027-02-28' })])).toEqual(['no-child-care']);
    expect(codes([job], [circumstances({ childCareArranged: true })])).toEqual([]);
  });

  it('flags an activity the person cannot reach: no vehicle or no licence, no transit, no transportation service', () => {
    const sud = activity({ requiresTransport: true });
    expect(codes([sud], [circumstances()])).toEqual(['unreachable']);
    const [noLicence] = conflictsOf([sud], [circumstances({ hasVehicle: true })], defaultPlanSettings);
    expect(noLicence?.reason).toContain('a vehicle but no licence');
    expect(codes([sud], [circumstances({ hasVehicle: true, hasLicence: true })])).toEqual([]);
    expect(codes([sud], [circumstances({ transitAccess: true })])).toEqual([]);
    expect(codes([sud, service('transportation')], [circumstances()])).toEqual([]);
    // Circumstances not recorded: not judged.
    expect(codes([sud])).toEqual([]);
  });

  it('gives the same fingerprints for the same conflicts whatever the order, so a conflict is flagged once', () => {
    const sud = activity({ requiresChildCare: true });
    const job = wtw({ weeklyHours: 10, slots: [{ day: 'tue', start: '10:00', end: '11:00' }] });
    const a = conflictsOf([sud, job], [], defaultPlanSettings);
    const b = conflictsOf([job, sud], [], defaultPlanSettings);
    expect(a).toEqual(b);
    expect(new Set(a.map((c) => c.fingerprint)).size).toBe(a.length);
    expect(a.map((c) => c.code)).toEqual(['no-child-care', 'overlapping-appointments']);
  });
});

describe('WTW count', () => {
  it('marks countable CWS activities as candidates for the workers, and counts none of their hours', () => {
    const sud = activity({ weeklyHours: 6 });
    const parenting = activity({ typeCode: 'parenting-education' });
    const job = wtw({ typeCode: 'mental-health-treatment' });
    const plan = [sud, parenting, job];
    expect(wtwCountCandidates(plan, defaultPlanSettings)).toEqual([sud.id]);
    expect(confirmedWtwHours(plan, PARENT)).toBe(0);
    expect(confirmedWtwHours([{ ...sud, wtwCount: 'candidate' }], PARENT)).toBe(0);
    expect(confirmedWtwHours([{ ...sud, wtwCount: 'confirmed' }], PARENT)).toBe(6);
    expect(wtwCountCandidates([{ ...sud, wtwCount: 'rejected' }], defaultPlanSettings)).toEqual([]);
  });

  it('refuses a decision on a CalWORKs activity, a non-countable type, an ended activity or one already decided', () => {
    expect(wtwCountRefusal(activity({}), defaultPlanSettings)).toBeUndefined();
    expect(wtwCountRefusal(activity({ wtwCount: 'candidate' }), defaultPlanSettings)).toBeUndefined();
    expect(wtwCountRefusal(wtw(), defaultPlanSettings)).toMatch(/Only a CWS activity/);
    expect(wtwCountRefusal(activity({ typeCode: 'parenting-education' }), defaultPlanSettings)).toMatch(/does not count/);
    expect(wtwCountRefusal(activity({ status: 'ended' }), defaultPlanSettings)).toMatch(/ended/);
    expect(wtwCountRefusal(activity({ wtwCount: 'confirmed' }), defaultPlanSettings)).toMatch(/already decided: confirmed/);
  });
});

describe('slotProblem', () => {
  it('accepts HH:mm slots that end after they start', () => {
    expect(slotProblem({ day: 'mon', start: '08:30', end: '10:00' })).toBeUndefined();
    expect(slotProblem({ day: 'mon', start: '10:00', end: '10:00' })).toMatch(/ends after/);
    expect(slotProblem({ day: 'mon', start: '8:30', end: '10:00' })).toMatch(/HH:mm/);
  });
});
