import { migratedSchema } from '@linkages/platform-persistence-testing';
import { stableUuid } from '@linkages/platform-access';
import { OrganisationRepository, organisationEntities, organisationMigrations } from '@linkages/notifications-data-access';
import type { EscalationSubject, Person } from '@linkages/notifications-domain';
import { createOrganisationActivities, recipientDirectoryOver } from './organisation.activities';

const id = (n: string) => stableUuid('org-activities-spec', n);
const person = (n: string, extra: Partial<Person> = {}): Person => ({
  staffId: id(n),
  displayName: n,
  agency: 'cws',
  countyCode: '06085',
  unitId: 'er-1',
  absences: [],
  channels: { email: true, webhook: false },
  ...extra,
});
const subject: EscalationSubject = {
  escalationId: id('esc'),
  deadlineId: id('deadline'),
  familyId: id('family'),
  countyCode: '06085',
  ownerService: 'child-welfare',
  ruleId: 'cws.er.ten-day-response',
  citation: 'WIC 16501(f)',
  subjectRef: 'referral/r-1/er-response',
  dueAt: '2026-12-07T23:59:59-08:00',
  overdueSince: '2026-12-07T23:59:59-08:00',
};

describe('resolveRecipients over the organisation in PostgreSQL', () => {
  const db = migratedSchema({ name: 'it-organisation-activities', entities: organisationEntities, migrations: organisationMigrations });
  const repo = new OrganisationRepository();

  it('resolves the assignee, then the supervisor, and reads the organisation as it stands when the level fires', async () => {
    const ds = db.ds;
    const activities = createOrganisationActivities({ dataSource: ds, organisation: repo });
    await ds.transaction((tx) =>
      repo.seed(
        tx,
        [person('worker', { email: 'worker@example.org' }), person('sup'), person('sup2'), person('mgr')],
        [
          {
            unitId: 'er-1',
            name: 'ER 1',
            agency: 'cws',
            countyCode: '06085',
            supervisorId: id('sup'),
            managerId: id('mgr'),
            managerOnDutyId: id('mgr'),
            intakeWorkerId: id('worker'),
            programs: ['child-welfare'],
          },
        ],
        new Date('2026-12-01T00:00:00Z'),
      ),
    );
    const at = '2026-12-08T17:00:00Z';
    const unassigned = await activities.resolveRecipients({ subject, level: 1, role: 'assigned-worker', at, legallyUrgent: false });
    expect(unassigned.recipients).toEqual([expect.objectContaining({ staffId: id('worker'), via: 'unassigned-fallback' })]);

    // The supervisor is away: an edit made before the level fires is what the level sees.
    await ds.query(`UPDATE ${db.s}.staff_people SET absences = $2, source = 'api' WHERE staff_id = $1`, [
      id('sup'),
      JSON.stringify([
        { absenceId: id('leave'), from: '2026-12-08T00:00:00Z', to: '2026-12-10T00:00:00Z', coverId: id('sup2'), reasonCode: 'leave' },
      ]),
    ]);
    const supervisor = await activities.resolveRecipients({ subject, level: 2, role: 'supervisor', at, legallyUrgent: false });
    expect(supervisor.recipients).toEqual([expect.objectContaining({ staffId: id('sup2'), via: 'coverage', skipped: id('sup') })]);

    const directory = recipientDirectoryOver(ds, repo);
    expect(await directory.contactOf(id('worker'))).toEqual(expect.objectContaining({ email: 'worker@example.org', agency: 'cws' }));
  });
});
