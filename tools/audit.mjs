#!/usr/bin/env node
// npm run audit -- verify [--schema <s>]                                  recompute the hash chain of each service's audit_log
// npm run audit -- list [--schema <s>] [--record <id>] [--actor <sub>] [--limit n]   recent entries, newest first
// Without --schema: the four service schemas. Exit code 1 when a chain is broken (or on an error), 2 on bad usage.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ensureDir, logsDir, repoRoot, run, serviceEnv, services } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
const [command, ...args] = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const usage = 'usage: npm run audit -- verify [--schema <s>] | list [--schema <s>] [--record <id>] [--actor <sub>] [--limit n]';
const limit = option('--limit') === undefined ? 20 : Number(option('--limit'));
if (
  !['verify', 'list'].includes(command) ||
  !Number.isInteger(limit) ||
  limit < 1 ||
  args.some((a, i) => a.startsWith('--') && args[i + 1] === undefined)
) {
  console.error(usage);
  process.exit(2);
}

Object.assign(process.env, serviceEnv());
await ensureBuilt();
// A dist/ built before the audit lib existed lacks it: build once (never while it exists: services may be running from it).
const auditDist = join(repoRoot, 'dist/libs/platform/audit/src/index.js');
if (!existsSync(auditDist)) {
  process.stderr.write('Building dist/ (it has no audit lib yet)…\n');
  await run(process.execPath, [join(repoRoot, 'tools', 'build.mjs')], { log: join(ensureDir(logsDir), 'build.log') });
}
const { AuditReader } = require(auditDist);

const schemas = option('--schema') ? [option('--schema')] : services.map((s) => s.replace(/-/g, '_'));
const reader = await AuditReader.open(process.env.DATABASE_URL);
try {
  const present = [];
  for (const schema of schemas) {
    if (await reader.hasAuditLog(schema)) present.push(schema);
    else console.log(`${schema}: no audit_log table (skipped)`);
  }
  if (present.length === 0 && option('--schema')) throw new Error(`schema ${option('--schema')} has no audit_log`);

  if (command === 'verify') {
    let broken = 0;
    let checked = 0;
    for (const schema of present) {
      const verdict = await reader.verify(schema, ({ rows, total }) => console.log(`${schema}: ${rows}/${total} rows checked`));
      checked += verdict.rows;
      if (verdict.ok) console.log(`${schema}: ok, chain intact (${verdict.rows} rows)`);
      else {
        broken += 1;
        console.log(`${schema}: BROKEN at seq ${verdict.brokenAt}: ${verdict.problem}`);
      }
    }
    if (present.length === 0) console.log('Verdict: no audit log found, nothing verified.');
    else if (broken === 0) console.log(`Verdict: OK, ${present.length} chain(s) intact, ${checked} rows checked.`);
    else console.log(`Verdict: BROKEN, ${broken} of ${present.length} chain(s) fail verification.`);
    if (broken > 0) process.exitCode = 1;
  } else {
    const filter = { recordId: option('--record'), actorSubject: option('--actor'), limit };
    const rows = [];
    for (const schema of present) for (const r of await reader.list(schema, filter)) rows.push({ schema, ...r });
    rows.sort((a, b) => b.occurredAt - a.occurredAt || b.seq - a.seq);
    printTable(
      ['schema', 'seq', 'occurred_at', 'actor', 'roles', 'action', 'record', 'outcome', 'authority', 'purpose', 'reason'],
      rows
        .slice(0, limit)
        .map((r) => [
          r.schema,
          r.seq,
          r.occurredAt.toISOString(),
          r.actorSubject,
          r.actorRoles.join(','),
          r.action,
          [r.recordType, r.recordId].filter(Boolean).join(':'),
          r.outcome,
          r.authority,
          r.purpose,
          r.reason,
        ]),
    );
    console.log(`${Math.min(rows.length, limit)} entr${Math.min(rows.length, limit) === 1 ? 'y' : 'ies'} shown.`);
  }
} catch (error) {
  console.error(`audit ${command} failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await reader.close();
}

function printTable(headers, rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return s.length > 40 ? `${s.slice(0, 39)}…` : s;
  };
  const cells = [headers, ...rows.map((r) => r.map(cell))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const r of cells)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}
