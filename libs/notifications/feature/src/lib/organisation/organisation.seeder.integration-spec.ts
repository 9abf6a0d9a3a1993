import { join } from 'node:path';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { repoRoot } from '@linkages/platform-config';
import { organisationEntities, organisationMigrations, OrganisationRepository } from '@linkages/notifications-data-access';
import { staffIdOf } from '@linkages/platform-access';
import { OrganisationSeeder } from './organisation.seeder';

describe('OrganisationSeeder (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-organisation-seeder', entities: organisationEntities, migrations: organisationMigrations });
  const file = join(repoRoot(), 'infra', 'local', 'organisation.json');

  it('seeds the configured organisation once; a second run inserts nothing and keeps an API edit', async () => {
    const repo = new OrganisationRepository();
    const seeder = new OrganisationSeeder(db.ds, repo, file);
    const first = await seeder.seed(new Date('2026-12-01T18:00:00Z'));
    expect(first).toEqual({ people: 13, units: 4 });
    await db.ds.query(`UPDATE ${db.s}.staff_people SET display_name = 'edited', source = 'api' WHERE staff_id = $1`, [
      staffIdOf('demo:cws-supervisor'),
    ]);
    const second = await seeder.seed(new Date('2026-12-02T18:00:00Z'));
    expect(second).toEqual({ people: 0, units: 0 });
    const scc = await repo.snapshot(db.ds.manager, '06085', 'cws', '2026-12-02T18:00:00Z');
    expect(scc.people.map((p) => p.displayName).sort()).toEqual(['Dana Reyes (demo)', 'Jordan Blake (demo)', 'edited']);
    expect(scc.units).toEqual([expect.objectContaining({ unitId: 'scc-cws-er-1', supervisorId: staffIdOf('demo:cws-supervisor') })]);
  });
});
