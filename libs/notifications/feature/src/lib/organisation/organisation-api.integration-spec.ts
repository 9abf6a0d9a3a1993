import { join } from 'node:path';
import type { HttpException } from '@nestjs/common';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { repoRoot } from '@linkages/platform-config';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import type { AuditEntry, AuditLog } from '@linkages/platform-audit';
import {
  organisationEntities,
  organisationMigrations,
  OrganisationRepository,
  StaffAssignmentEntity,
} from '@linkages/notifications-data-access';
import { AssignWorkCommand } from './assign-work.command';
import { OrganisationSeeder } from './organisation.seeder';
import { ReadOrganisationQuery } from './read-organisation.query';

const sccSupervisor: Principal = { subject: 'demo:cws-supervisor', roles: ['cws.supervisor'], agency: 'cws', county: '06085' };
const statusOf = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as HttpException | undefined
  )?.getStatus();

describe('organisation read and assignment (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-organisation-api', entities: organisationEntities, migrations: organisationMigrations });
  const repo = new OrganisationRepository();
  const entries: AuditEntry[] = [];
  const audit = { append: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog;

  beforeAll(async () => {
    await new OrganisationSeeder(db.ds, repo, join(repoRoot(), 'infra', 'local', 'organisation.json')).seed();
  });

  it("reads only the caller's county and agency", async () => {
    const read = new ReadOrganisationQuery(db.ds, repo);
    const org = await read.execute(sccSupervisor);
    expect(org.units.map((u) => u.unitId)).toEqual(['scc-cws-er-1']);
    expect(org.people.every((p) => p.agency === 'cws' && p.countyCode === '06085')).toBe(true);
    expect(org.people).toHaveLength(3);
    expect(await read.execute({ ...sccSupervisor, agency: 'platform', roles: ['ops'] } as Principal)).toEqual({ people: [], units: [] });
  });

  it('assigns a worker of the agency and county, audited with ids only; refuses an unknown person (404) and another agency or county (422), changing nothing', async () => {
    const assign = new AssignWorkCommand(db.ds, repo, audit);
    const ctx = { principal: sccSupervisor, correlationId: 'it-assign' };
    const familyId = globalThis.crypto.randomUUID();
    const a = await assign.execute(ctx, {
      ownerService: 'child-welfare',
      familyId,
      staffId: staffIdOf('demo:cws-worker'),
      reason: 'intake',
    });
    expect(a).toMatchObject({ countyCode: '06085', familyId, staffId: staffIdOf('demo:cws-worker'), by: staffIdOf('demo:cws-supervisor') });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'update',
        recordType: 'staff-assignment',
        recordId: familyId,
        outcome: 'allowed',
        correlationId: 'it-assign',
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('intake');

    const body = { ownerService: 'child-welfare' as const, familyId, reason: 'r' };
    expect(await statusOf(assign.execute(ctx, { ...body, staffId: staffIdOf('demo:nobody') }))).toBe(404);
    expect(await statusOf(assign.execute(ctx, { ...body, staffId: staffIdOf('demo:la-cws-worker') }))).toBe(422);
    expect(await statusOf(assign.execute(ctx, { ...body, staffId: staffIdOf('demo:calworks-worker') }))).toBe(422);
    expect(await db.ds.manager.count(StaffAssignmentEntity)).toBe(1);
    expect(entries).toHaveLength(1);
    const snap = await repo.snapshot(db.ds.manager, '06085', 'cws', new Date().toISOString());
    expect(snap.assignments).toEqual([expect.objectContaining({ familyId, staffId: staffIdOf('demo:cws-worker') })]);
  });
});
