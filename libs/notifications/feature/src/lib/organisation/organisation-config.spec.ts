import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staffIdOf } from '@linkages/platform-access';
import { repoRoot } from '@linkages/platform-config';
import { defaultOrganisationFile, loadOrganisationConfig, organisationFromFile } from './organisation-config';

const file = join(repoRoot(), 'infra', 'local', 'organisation.json');
const raw = () => JSON.parse(readFileSync(file, 'utf8')) as { people: Record<string, unknown>[]; units: Record<string, unknown>[] };
const demoUsers = (
  JSON.parse(readFileSync(join(repoRoot(), 'infra', 'local', 'demo-users.json'), 'utf8')) as {
    users: { username: string; name: string; agency: string; county: string }[];
  }
).users;

describe('organisation configuration (infra/local/organisation.json)', () => {
  const config = loadOrganisationConfig(file);
  const byId = new Map(config.people.map((p) => [p.staffId, p]));

  it('is the default file', () => {
    expect(defaultOrganisationFile({})).toBe(file);
    expect(defaultOrganisationFile({ NOTIFICATIONS_ORGANISATION_FILE: '/x.json' })).toBe('/x.json');
  });

  it('derives a demo user staff id from the dev IdP token subject, a file-only person from its subject', () => {
    expect(byId.get(staffIdOf('demo:cws-worker'))?.displayName).toBe('Dana Reyes (demo)');
    expect(byId.get(staffIdOf('demo:cws-manager'))?.displayName).toBe('Jordan Blake (demo)');
    expect(new Set(config.people.map((p) => p.staffId)).size).toBe(config.people.length);
  });

  it('has every CWS and CalWORKs demo user as a person of their own agency and county', () => {
    for (const u of demoUsers.filter((d) => d.agency === 'cws' || d.agency === 'calworks')) {
      expect(byId.get(staffIdOf(`demo:${u.username}`))).toMatchObject({ displayName: u.name, agency: u.agency, countyCode: u.county });
    }
  });

  it('gives every unit holders that exist, of its agency and county, and units in both counties', () => {
    expect(config.units.map((u) => `${u.countyCode}/${u.agency}`).sort()).toEqual([
      '06037/calworks',
      '06037/cws',
      '06085/calworks',
      '06085/cws',
    ]);
    for (const u of config.units) {
      for (const id of [u.supervisorId, u.managerId, u.managerOnDutyId, u.afterHoursCoverId, u.intakeWorkerId].filter(Boolean)) {
        expect(byId.get(id as string)).toMatchObject({ agency: u.agency, countyCode: u.countyCode });
      }
    }
    const scc = config.units.find((u) => u.unitId === 'scc-cws-er-1');
    expect(scc).toMatchObject({
      supervisorId: staffIdOf('demo:cws-supervisor'),
      managerId: staffIdOf('demo:cws-manager'),
      managerOnDutyId: staffIdOf('demo:cws-manager'),
      intakeWorkerId: staffIdOf('demo:cws-worker'),
      programs: ['child-welfare'],
    });
    expect(config.units.find((u) => u.unitId === 'scc-calworks-wtw-1')?.programs).toEqual(['calworks', 'referrals']);
    expect(byId.get(staffIdOf('demo:liaison'))?.unitId).toBe('scc-calworks-wtw-1');
  });

  it('uses example.org e-mails only', () => {
    for (const p of config.people) expect(p.email).toMatch(/@example\.org$/);
  });

  it('fails naming the file and the field path on a typo', () => {
    const bad = raw();
    (bad.units[1] as Record<string, unknown>)['supervsor'] = 'x';
    expect(() => organisationFromFile(file, bad)).toThrow(`${file}: invalid organisation`);
    expect(() => organisationFromFile(file, bad)).toThrow(/units\.1/);
    const badAgency = raw();
    (badAgency.people[2] as Record<string, unknown>)['agency'] = 'cwss';
    expect(() => organisationFromFile(file, badAgency)).toThrow(/people\.2\.agency/);
  });

  it('fails on an unknown holder and on a holder of another agency', () => {
    const unknown = raw();
    (unknown.units[0] as Record<string, unknown>)['manager'] = 'demo:nobody';
    expect(() => organisationFromFile(file, unknown)).toThrow(/units\.0\.manager: unknown person 'demo:nobody'/);
    const cross = raw();
    (cross.units[0] as Record<string, unknown>)['supervisor'] = 'calworks-supervisor';
    expect(() => organisationFromFile(file, cross)).toThrow(/supervisorId .* is of another agency or county/);
  });

  it('fails on an unreadable file', () => {
    expect(() => loadOrganisationConfig('/nonexistent/organisation.json')).toThrow('/nonexistent/organisation.json: cannot read');
  });
});
