// The Temporal CLI dev server (real Temporal server, SQLite persistence, Web UI), built with `go install`.
import { copyFileSync, existsSync, linkSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertPortFree,
  ensureDir,
  host,
  isAlive,
  logsDir,
  ports,
  readPid,
  repoRoot,
  requireCommand,
  run,
  stackDir,
  cacheDir,
  startDetached,
  stopDetached,
  waitUntil,
} from '../lib.mjs';

// Later tags carry a `replace` directive in go.mod and cannot be go-installed.
export const cliVersion = 'v1.5.1';
const home = join(stackDir, 'temporal');
const binary = join(stackDir, 'bin', 'temporal');
const cachedBinary = join(cacheDir, 'temporal-cli', cliVersion, 'temporal');
const dbFile = join(home, 'temporal.db');
export const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';

export const external = () => Boolean(process.env.TEMPORAL_ADDRESS);
export const address = () => process.env.TEMPORAL_ADDRESS ?? `${host}:${ports.temporal}`;

export function searchAttributes() {
  return JSON.parse(readFileSync(join(repoRoot, 'infra', 'temporal', 'search-attributes.json'), 'utf8')).attributes;
}

export async function install() {
  if (external()) return 'external (TEMPORAL_ADDRESS)';
  if (!existsSync(cachedBinary)) {
    requireCommand('go', ['version'], 'Go 1.23+: `apt-get install golang` or https://go.dev/doc/install');
    ensureDir(join(cacheDir, 'temporal-cli', cliVersion));
    process.stdout.write(`    building the Temporal CLI ${cliVersion} with go install (first time only: several minutes on 2 cores)\n`);
    await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@${cliVersion}`], {
      env: { ...process.env, GOBIN: join(cacheDir, 'temporal-cli', cliVersion), CGO_ENABLED: '0' },
      log: join(ensureDir(logsDir), 'temporal-install.log'),
    });
  }
  if (!existsSync(binary)) {
    ensureDir(join(stackDir, 'bin'));
    try {
      linkSync(cachedBinary, binary);
    } catch {
      copyFileSync(cachedBinary, binary);
    }
  }
  ensureDir(home);
  return existsSync(dbFile) ? 'ready (existing database kept)' : 'ready';
}

export async function start() {
  if (external()) return;
  if (isAlive(readPid('temporal'))) return;
  await assertPortFree('Temporal', ports.temporal);
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(ports.temporal),
    '--ui-ip',
    host,
    '--ui-port',
    String(ports.temporalUi),
    '--db-filename',
    dbFile,
    '--namespace',
    namespace,
    '--log-format',
    'json',
    '--log-level',
    'warn',
  ];
  for (const [name, type] of Object.entries(searchAttributes())) args.push('--search-attribute', `${name}=${type}`);
  if (process.env.TEMPORAL_CODEC_ENDPOINT) args.push('--ui-codec-endpoint', process.env.TEMPORAL_CODEC_ENDPOINT);
  startDetached('temporal', binary, args);
  await waitUntil('temporal', async () => (await health()).ok, { timeoutMs: 120_000 });
}

export const stop = () => (external() ? Promise.resolve(false) : stopDetached('temporal', 30_000));

export async function health() {
  const started = Date.now();
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address: address(), connectTimeout: 2000 });
  try {
    const info = await connection.workflowService.getSystemInfo({});
    const registered = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.keys(searchAttributes()).filter((name) => !(name in (registered.customAttributes ?? {})));
    if (missing.length > 0) return { ok: false, detail: `search attributes missing: ${missing.join(', ')}`, where: address() };
    return { ok: true, detail: `server ${info.serverVersion}, namespace ${namespace}, ${Date.now() - started} ms`, where: address() };
  } finally {
    await connection.close();
  }
}

export async function uiHealth() {
  if (external()) return { ok: true, detail: 'external server: UI not managed', where: '-' };
  const started = Date.now();
  const res = await fetch(`http://${host}:${ports.temporalUi}/`, { signal: AbortSignal.timeout(3000) });
  return { ok: res.ok, detail: `HTTP ${res.status}, ${Date.now() - started} ms`, where: `http://${host}:${ports.temporalUi}` };
}

export function reset() {
  rmSync(dbFile, { force: true });
}
