import type { ResolveRecipientsRequest } from '../escalation/escalation-activities.contract';
import type { Absence, OrganisationSnapshot, Person, Unit } from './organisation.types';

/**
 * Shared fixtures of the organisation specs (domain, data-access, feature): one CWS emergency-response unit of Santa
 * Clara with a worker, supervisor, second supervisor, manager, manager on duty, after-hours cover and intake worker.
 * Ids default to short names; pass `id` to get UUIDs where a table needs them.
 */
export const orgFixtureCounty = '06085';

/** Wednesday 2026-12-02 10:00 Los Angeles (18:00Z): business hours. */
export const WED_10 = '2026-12-02T18:00:00Z';
/** Wednesday 2026-12-02 22:00 Los Angeles (06:00Z next day): after hours. */
export const WED_22 = '2026-12-03T06:00:00Z';
/** Thanksgiving, Thursday 2026-11-26 10:00 Los Angeles: a county holiday, so not business hours. */
export const THANKSGIVING_10 = '2026-11-26T18:00:00Z';

export const personFixture = (staffId: string, over: Partial<Person> = {}): Person => ({
  staffId,
  displayName: `${staffId} (test)`,
  agency: 'cws',
  countyCode: orgFixtureCounty,
  unitId: 'er',
  absences: [],
  channels: { email: true, webhook: false },
  ...over,
});

export const unitFixture = (id: (name: string) => string = (n) => n, over: Partial<Unit> = {}): Unit => ({
  unitId: 'er',
  name: 'ER',
  agency: 'cws',
  countyCode: orgFixtureCounty,
  supervisorId: id('sup'),
  managerId: id('mgr'),
  managerOnDutyId: id('mod'),
  afterHoursCoverId: id('ahc'),
  intakeWorkerId: id('intake'),
  programs: ['child-welfare'],
  ...over,
});

/** The unit's people by name: the worker `w` first, then `sup`, `sup2`, `mgr`, `mod`, `ahc`, `intake`. */
export const fixturePeopleNames = ['w', 'sup', 'sup2', 'mgr', 'mod', 'ahc', 'intake'] as const;

export const snapshotFixture = (
  over: Partial<OrganisationSnapshot> = {},
  id: (name: string) => string = (n) => n,
): OrganisationSnapshot => ({
  people: fixturePeopleNames.map((n) => personFixture(id(n))),
  units: [unitFixture(id)],
  assignments: [
    {
      countyCode: orgFixtureCounty,
      ownerService: 'child-welfare',
      familyId: 'fam',
      staffId: id('w'),
      reason: 'r',
      by: 'x',
      at: '2026-01-01T00:00:00Z',
    },
  ],
  ...over,
});

export const absenceFixture = (over: Partial<Absence> = {}): Absence => ({
  absenceId: 'a',
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-09T00:00:00Z',
  reasonCode: 'leave',
  ...over,
});

export const resolveRequestFixture = (role: string, over: Partial<ResolveRecipientsRequest> = {}): ResolveRecipientsRequest => ({
  subject: {
    escalationId: 'e',
    deadlineId: 'd',
    familyId: 'fam',
    countyCode: orgFixtureCounty,
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
