import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { AuditLog } from './audit-log';
import { auditEntry, createAuditFixture } from './audit.spec-helper';

// The CLI runs the built lib from dist/ (and builds it first when it is missing or older than the sources).
const audit = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'tools', 'audit.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: stackEnv().DATABASE_URL },
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('npm run audit (operators verify and read audit chains)', () => {
  let f: Awaited<ReturnType<typeof createAuditFixture>>;

  beforeAll(async () => {
    f = await createAuditFixture('cli');
    const log = new AuditLog(f.dataSource, f.schema);
    for (let i = 1; i <= 5; i++) await log.append(auditEntry({ recordId: `ref-${i}`, actorSubject: i % 2 ? 'worker-odd' : 'worker-even' }));
  }, 60_000);
  afterAll(() => f?.close());

  it('verify reports progress and exits 0 on an intact chain', () => {
    const ok = audit('verify', '--schema', f.schema);
    expect(ok.out).toContain(`${f.schema}: 5/5 rows checked`);
    expect(ok.out).toContain(`${f.schema}: ok, chain intact (5 rows)`);
    expect(ok.out).toContain('Verdict: OK');
    expect(ok.status).toBe(0);
  }, 120_000);

  it('list shows recent entries, filtered by record or actor', () => {
    const byRecord = audit('list', '--schema', f.schema, '--record', 'ref-3');
    expect(byRecord.status).toBe(0);
    expect(byRecord.out).toMatch(/schema\s+seq\s+occurred_at\s+actor/);
    expect(byRecord.out).toMatch(
      new RegExp(`${f.schema}\\s+3\\s+\\S+Z\\s+worker-odd\\s+cws-worker\\s+read\\s+referral:ref-3\\s+allowed\\s+wic-10850`),
    );
    expect(byRecord.out).toContain('1 entry shown.');
    const byActor = audit('list', '--schema', f.schema, '--actor', 'worker-even', '--limit', '1');
    expect(byActor.out).toMatch(/\s4\s.*referral:ref-4/);
    expect(byActor.out).toContain('1 entry shown.');
  }, 120_000);

  it('verify exits 1 when the chain is broken, and on a schema without audit_log; 2 on bad usage', async () => {
    await f.tamper(`UPDATE ${f.table} SET record_id = 'ref-x' WHERE seq = 3`);
    const broken = audit('verify', '--schema', f.schema);
    expect(broken.out).toContain(`${f.schema}: BROKEN at seq 3: hash of seq 3 does not match its content`);
    expect(broken.out).toContain('Verdict: BROKEN');
    expect(broken.status).toBe(1);

    const missing = audit('verify', '--schema', `it_none_${uniqueSuffix()}`);
    expect(missing.out).toMatch(/no audit_log table \(skipped\)/);
    expect(missing.status).toBe(1);
    expect(audit('verify', '--schema').status).toBe(2);
    expect(audit('frobnicate').status).toBe(2);
  }, 120_000);
});
