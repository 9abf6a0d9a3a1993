import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { repoRoot } from '@linkages/platform-config';
import { AUDIT_LOG } from '@linkages/platform-audit';
import type { Principal } from '@linkages/platform-access';
import { organisationEntities, organisationMigrations } from '@linkages/notifications-data-access';
import { NotificationsOrganisationModule } from './notifications-organisation.module';
import { OrganisationController } from './organisation.controller';
import { ORGANISATION_FILE } from './organisation.seeder';

describe('NotificationsOrganisationModule (Nest wiring, real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-organisation-module', entities: organisationEntities, migrations: organisationMigrations });

  it('seeds the organisation at bootstrap and serves the caller’s county and agency', async () => {
    @Global()
    @Module({
      providers: [
        { provide: getDataSourceToken(), useFactory: () => db.ds },
        { provide: AUDIT_LOG, useValue: { append: async () => undefined } },
        { provide: ORGANISATION_FILE, useValue: join(repoRoot(), 'infra', 'local', 'organisation.json') },
      ],
      exports: [getDataSourceToken(), AUDIT_LOG, ORGANISATION_FILE],
    })
    class HostModule {}
    const ref = await Test.createTestingModule({ imports: [HostModule, NotificationsOrganisationModule] }).compile();
    const app = ref.createNestApplication({ logger: false });
    await app.init();
    try {
      const la: Principal = { subject: 'demo:la-calworks-worker', roles: ['calworks.worker'], agency: 'calworks', county: '06037' };
      const units = await app.get(OrganisationController).units(la);
      expect(units.units.map((u) => u.unitId)).toEqual(['la-calworks-wtw-1']);
      expect((await app.get(OrganisationController).people(la)).people).toHaveLength(3);
    } finally {
      await app.close();
    }
  });
});
