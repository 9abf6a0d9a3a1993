import { DataSource } from 'typeorm';
import { migrateDown, migrateUp } from '@linkages/platform-persistence';
import { stackEnv } from '@linkages/platform-testing';
import { AuditLog } from './audit-log';
import { createAuditMigration } from './audit.migration';
import { auditQuery } from './audit-query';
import { AuditReader } from './audit-reader';
import { GENESIS_HASH, auditHash } from './audit-record';
import { auditEntry, createAuditFixture } from './audit.spec-helper';
import { verifyAuditChain } from './verify-audit-chain';

type Fixture = Awaited<ReturnType<typeof createAuditFixture>>;

describe('AuditLog (hash-chained, append-only, real PostgreSQL)', () => {
  let f: Fixture;
  let log: AuditLog;

  beforeAll(async () => {
    f = await createAuditFixture('log');
    log = new AuditLog(f.dataSource, f.schema);
    await f.dataSource.query(`CREATE TABLE "${f.schema}".referral (id text PRIMARY KEY)`);
  });
  afterAll(() => f?.close());

  it('appends entries that read back exactly and verify', async () => {
    const first = await log.append(auditEntry({ occurredAt: new Date('2025-01-02T03:04:05.678Z') }));
    const second = await log.append(
      auditEntry({
        actorRoles: [],
        actorAgency: null,
        recordId: 'ref-"2",{x}',
        reason: 'Zoë ✓',
        details: { n: 0.1, big: 1e21, nested: { b: [1, null], a: 'NULL' } },
      }),
    );
    const third = await log.append({
      actorSubject: 'system:referrals',
      actorRoles: ['NULL', 'a,b', 'q"uote'],
      action: 'decode',
      outcome: 'denied',
    });
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);

    const [row1] = await f.dataSource.query(`SELECT prev_hash, hash FROM ${f.table} WHERE seq = 1`);
    expect(row1).toEqual({ prev_hash: GENESIS_HASH, hash: first.hash });
    const listed = await log.list();
    expect(listed.map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(listed[2]).toMatchObject({
      occurredAt: new Date('2025-01-02T03:04:05.678Z'),
      actorSubject: 'a1b2c3d4-worker',
      details: { fieldGroups: ['identity', 'allegations'] },
      reason: null,
    });
    expect(listed[1]).toMatchObject({ actorRoles: [], actorAgency: null, recordId: 'ref-"2",{x}', reason: 'Zoë ✓', prevHash: first.hash });
    expect(listed[0]).toMatchObject({
      actorRoles: ['NULL', 'a,b', 'q"uote'],
      recordType: null,
      details: null,
      prevHash: second.hash,
      hash: third.hash,
    });

    expect(await log.verify()).toEqual({ ok: true, rows: 3 });
  });

  it('serializes 20 concurrent appenders into one gapless linear chain', async () => {
    const before = (await log.verify()).rows;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(auditEntry({ recordId: `ref-c${i}` }))));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    const links = (await f.dataSource.query(`SELECT seq::int AS seq, prev_hash, hash FROM ${f.table} ORDER BY seq`)) as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    links.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(links[i]!.hash));
    expect(await log.verify()).toEqual({ ok: true, rows: before + 20 });
  });

  it('appendMany chains a batch in order', async () => {
    const before = (await log.verify()).rows;
    const batch = await log.appendMany([auditEntry({ action: 'share' }), auditEntry({ action: 'update', outcome: 'failed' })]);
    expect(batch.map((b) => b.seq)).toEqual([before + 1, before + 2]);
    expect(await log.appendMany([])).toEqual([]);
    expect((await log.verify()).ok).toBe(true);
  });

  it('commits or rolls back together with the audited write', async () => {
    const before = (await log.verify()).rows;
    await expect(
      f.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO "${f.schema}".referral (id) VALUES ('rolled-back')`);
        await log.append(auditEntry({ action: 'create', recordId: 'rolled-back' }), m);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await f.dataSource.query(`SELECT count(*)::int AS n FROM ${f.table} WHERE record_id = 'rolled-back'`)).toEqual([{ n: 0 }]);
    expect(await f.dataSource.query(`SELECT count(*)::int AS n FROM "${f.schema}".referral`)).toEqual([{ n: 0 }]);

    const committed = await f.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO "${f.schema}".referral (id) VALUES ('kept')`);
      return log.append(auditEntry({ action: 'create', recordId: 'kept' }), m);
    });
    expect(committed.seq).toBe(before + 1);
    expect(await log.verify()).toEqual({ ok: true, rows: before + 1 });
  });

  it('refuses a manager outside a transaction and a transaction that is not READ COMMITTED', async () => {
    await expect(log.append(auditEntry(), f.dataSource.manager)).rejects.toThrow(/inside a transaction/);
    await expect(f.dataSource.transaction('REPEATABLE READ', (m) => log.append(auditEntry(), m))).rejects.toThrow(/READ COMMITTED/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    await expect(f.dataSource.query(`UPDATE ${f.table} SET reason = 'edited' WHERE seq = 1`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(f.dataSource.query(`DELETE FROM ${f.table} WHERE seq = 1`)).rejects.toThrow(/append-only: DELETE/);
    await expect(f.dataSource.query(`TRUNCATE ${f.table}`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await log.verify()).ok).toBe(true);
  });

  it('verifies in pages through a pg client too, reporting progress', async () => {
    const reader = await AuditReader.open(stackEnv().DATABASE_URL);
    try {
      const total = (await log.verify()).rows;
      const progress: number[] = [];
      const verdict = await verifyAuditChain(auditQuery(f.dataSource), f.schema, (p) => progress.push(p.rows), { pageSize: 7 });
      expect(verdict).toEqual({ ok: true, rows: total });
      expect(progress).toEqual([...Array.from({ length: Math.floor(total / 7) }, (_, i) => (i + 1) * 7), ...(total % 7 ? [total] : [])]);
      expect(await reader.verify(f.schema)).toEqual({ ok: true, rows: total });
      expect(await reader.hasAuditLog(f.schema)).toBe(true);
      expect((await reader.list(f.schema, { recordId: 'kept' })).map((r) => r.action)).toEqual(['create']);
    } finally {
      await reader.close();
    }
  });
});

describe('verifyAuditChain detects tampering', () => {
  let f: Fixture;
  let log: AuditLog;

  beforeEach(async () => {
    f = await createAuditFixture('tamper');
    log = new AuditLog(f.dataSource, f.schema);
    await log.appendMany(Array.from({ length: 12 }, (_, i) => auditEntry({ recordId: `ref-${i + 1}` })));
    expect((await log.verify()).ok).toBe(true);
  });
  afterEach(() => f?.close());

  it('an edited field, at exactly that seq', async () => {
    await f.tamper(`UPDATE ${f.table} SET record_id = 'someone-else' WHERE seq = 7`);
    expect(await log.verify()).toEqual({ ok: false, rows: 7, brokenAt: 7, problem: 'hash of seq 7 does not match its content' });
  });

  it('an edited row whose hash was recomputed, at the next link', async () => {
    const [row4] = (await log.list({ limit: 100 })).filter((r) => r.seq === 4);
    const forged = { ...row4!, recordId: 'someone-else' };
    await f.tamper(`UPDATE ${f.table} SET record_id = $1, hash = $2 WHERE seq = 4`, [forged.recordId, auditHash(forged)]);
    expect(await log.verify()).toEqual({ ok: false, rows: 5, brokenAt: 5, problem: 'prev_hash of seq 5 does not match the hash of seq 4' });
  });

  it('a deleted row, at the missing seq', async () => {
    await f.tamper(`DELETE FROM ${f.table} WHERE seq = 3`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3, problem: 'seq 3 is missing (next row is seq 4)' });
  });
});

describe('createAuditMigration', () => {
  it('down drops the table, its triggers and function; up applies again', async () => {
    const f = await createAuditFixture('down');
    try {
      await migrateDown(f.options);
      const left = await f.dataSource.query(
        `SELECT (SELECT count(*)::int FROM information_schema.tables WHERE table_schema = $1) AS tables,
                (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1) AS functions`,
        [f.schema],
      );
      // Only TypeORM's own migrations table remains.
      expect(left).toEqual([{ tables: 1, functions: 0 }]);
      expect((await migrateUp(f.options)).applied).toEqual(['CreateAuditLog1766000000000']);
      const again = new AuditLog(f.dataSource, f.schema);
      expect((await again.append(auditEntry())).seq).toBe(1);
    } finally {
      await f.close();
    }
  });

  it('rejects unsafe schema names', () => {
    expect(() => createAuditMigration('x"; drop table y; --')).toThrow(/Invalid schema name/);
    expect(() => new AuditLog({} as DataSource, 'Bad-Name')).toThrow(/Invalid schema name/);
  });
});
