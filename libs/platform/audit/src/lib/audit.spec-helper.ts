import { DataSource } from 'typeorm';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createAuditMigration } from './audit.migration';
import type { AuditEntry } from './audit-record';

/** A fresh schema with the audit migration applied, on the real PostgreSQL of the local stack. */
export async function createAuditFixture(name: string) {
  const schema = `it_audit_${name}_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    { schema, entities: [], migrations: [createAuditMigration(schema)] },
    `it-audit-${name}`,
  );
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();
  return {
    schema,
    options,
    dataSource,
    table: `"${schema}".audit_log`,
    /** Edits rows as an attacker with superuser rights would: triggers off, change, triggers on. */
    async tamper(sql: string, params: unknown[] = []) {
      await dataSource.transaction(async (m) => {
        await m.query(`ALTER TABLE "${schema}".audit_log DISABLE TRIGGER ALL`);
        await m.query(sql, params);
        await m.query(`ALTER TABLE "${schema}".audit_log ENABLE TRIGGER ALL`);
      });
    },
    async close() {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

export const auditEntry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  actorSubject: 'a1b2c3d4-worker',
  actorRoles: ['cws-worker'],
  actorAgency: 'cws',
  actorCounty: '06085',
  action: 'read',
  recordType: 'referral',
  recordId: 'ref-1',
  recordCounty: '06085',
  purpose: 'investigation',
  authority: 'wic-10850',
  outcome: 'allowed',
  correlationId: 'corr-1',
  details: { fieldGroups: ['identity', 'allegations'] },
  ...over,
});
