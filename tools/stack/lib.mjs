// Shared plumbing for the local stack: paths, progress output, detached processes, health waits.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything the stack installs or writes lives here (git-ignored). */
export const stackDir = process.env.LINKAGES_STACK_DIR ?? join(repoRoot, '.stack');
/** Machine-wide cache of built artifacts (Temporal CLI binary), so a fresh clone on a warm machine starts in seconds. */
export const cacheDir = process.env.LINKAGES_CACHE_DIR ?? join(homedir(), '.cache', 'linkages');
export const logsDir = join(stackDir, 'logs');
export const runDir = join(stackDir, 'run');

export const ports = {
  postgres: Number(process.env.LINKAGES_PG_PORT ?? 5432),
  kafka: Number(process.env.LINKAGES_KAFKA_PORT ?? 9092),
  kafkaController: Number(process.env.LINKAGES_KAFKA_CONTROLLER_PORT ?? 9093),
  temporal: Number(process.env.LINKAGES_TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.LINKAGES_TEMPORAL_UI_PORT ?? 8233),
  mailpitSmtp: Number(process.env.LINKAGES_MAILPIT_SMTP_PORT ?? 1025),
  mailpitUi: Number(process.env.LINKAGES_MAILPIT_UI_PORT ?? 8025),
};
export const host = '127.0.0.1';

export function ensureDir(path) {
  mkdirSync(path, { recursive: true });
  return path;
}

const t0 = Date.now();
const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

/** Progress output: one line when a step starts, one when it ends, with its duration. */
export async function step(label, fn) {
  const started = Date.now();
  process.stdout.write(`  … ${label}\n`);
  try {
    const result = await fn();
    process.stdout.write(`  ✔ ${label} (${elapsed(started)})\n`);
    return result;
  } catch (error) {
    process.stdout.write(`  ✖ ${label} (${elapsed(started)})\n`);
    throw error;
  }
}
export const totalElapsed = () => elapsed(t0);

export class StackError extends Error {}

/** Stops with a message that names the missing tool and how to install it. */
export function requireCommand(cmd, versionArgs, howToInstall) {
  const probe = spawnSync(cmd, versionArgs, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new StackError(`'${cmd}' is required but was not found on PATH. Install it: ${howToInstall}`);
  }
  return `${probe.stdout}${probe.stderr}`.trim().split('\n')[0];
}

/** Runs a command to completion; output goes to a log file, and its tail is shown when it fails. */
export function run(cmd, args, { cwd = repoRoot, env = process.env, log, user } = {}) {
  return new Promise((resolvePromise, reject) => {
    const logPath = log ?? join(ensureDir(logsDir), 'install.log');
    const fd = openSync(logPath, 'a');
    const [file, argv] = user ? asUser(user, cmd, args) : [cmd, args];
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolvePromise();
      const tail = readFileSync(logPath, 'utf8').split('\n').slice(-25).join('\n');
      reject(new StackError(`${cmd} ${args.join(' ')} failed with exit code ${code}. Last lines of ${logPath}:\n${tail}`));
    });
  });
}

/** Starts a long-running server detached from this process, logging to .stack/logs/<name>.log. */
export function startDetached(name, cmd, args, { cwd = repoRoot, env = process.env, user } = {}) {
  ensureDir(logsDir);
  ensureDir(runDir);
  const fd = openSync(join(logsDir, `${name}.log`), 'a');
  const [file, argv] = user ? asUser(user, cmd, args) : [cmd, args];
  const child = spawn(file, argv, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child.pid;
}

function asUser(user, cmd, args) {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ['setpriv', ['--reuid', user, '--regid', user, '--init-groups', '--', cmd, ...args]];
}

export const pidFile = (name) => join(runDir, `${name}.pid`);

export function readPid(name) {
  try {
    const pid = Number(readFileSync(pidFile(name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a detached server: SIGTERM to its process group, then SIGKILL after a grace period. */
export async function stopDetached(name, graceMs = 20_000) {
  const pid = readPid(name);
  if (!isAlive(pid)) {
    rmSync(pidFile(name), { force: true });
    return false;
  }
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) signal('SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(pidFile(name), { force: true });
  return true;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function portOpen(port, h = host, timeoutMs = 1000) {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ port, host: h });
    const done = (ok) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` until it returns true; fails with the server's log tail if the process dies or time runs out. */
export async function waitUntil(name, probe, { timeoutMs = 120_000, pidName = name } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    const pid = readPid(pidName);
    if (pid && !isAlive(pid)) throw new StackError(`${name} exited during start-up.\n${logTail(pidName)}`);
    await sleep(300);
  }
  throw new StackError(`${name} was not healthy after ${timeoutMs / 1000}s (${lastError?.message ?? 'no answer'}).\n${logTail(pidName)}`);
}

export function logTail(name, lines = 30) {
  const path = join(logsDir, `${name}.log`);
  if (!existsSync(path)) return `(no log at ${path})`;
  return `Last lines of ${path}:\n${readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n')}`;
}

/** Reads a KEY=value file (the generated .stack/stack.env). */
export function readEnvFile(path) {
  if (!existsSync(path)) return {};
  const out = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** Copies a small pom's runtime dependencies into `libsDir` with Maven; re-copies when the pom changes. */
export async function mavenCopyDependencies(pomPath, libsDir, logName) {
  const { createHash } = await import('node:crypto');
  const { readdirSync } = await import('node:fs');
  const stamp = join(libsDir, '.pom-sha256');
  const sha = createHash('sha256').update(readFileSync(pomPath)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sha) return false;
  requireCommand('mvn', ['-v'], 'Maven: `apt-get install maven`');
  if (existsSync(libsDir)) for (const f of readdirSync(libsDir)) rmSync(join(libsDir, f), { force: true });
  ensureDir(libsDir);
  await run('mvn', ['-B', '-q', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${libsDir}`, '-DincludeScope=runtime'], {
    log: join(ensureDir(logsDir), `${logName}.log`),
  });
  writeFileSync(stamp, sha);
  return true;
}

/** Environment for a service process: the running stack's connection settings, overridden by the caller's env. */
export function serviceEnv(extra = {}) {
  return { ...readEnvFile(join(stackDir, 'stack.env')), ...process.env, ...extra };
}

export const services = ['referrals', 'calworks', 'child-welfare', 'notifications'];

/** Builds dist/ when it is missing (a fresh clone) so tools that run services work without a separate step. */
export async function ensureBuilt() {
  if (existsSync(join(repoRoot, 'dist', 'workflow-bundles'))) return;
  await run(process.execPath, [join(repoRoot, 'tools', 'build.mjs')], { log: join(ensureDir(logsDir), 'build.log') });
}

/**
 * Installs npm dependencies when node_modules is missing or was installed from another package-lock.json (the stamp
 * holds the sha-256 of the lock it was installed from). `npm ci` installs exactly what the committed lock says and
 * never rewrites it, so a fresh clone's tree stays clean; it fails when package.json and the lock disagree (commit
 * the lock `npm install` writes). It deletes node_modules first, so run it only through here, never by hand while
 * something else uses the checkout.
 */
export async function ensureDependencies() {
  const { createHash } = await import('node:crypto');
  const lock = join(repoRoot, 'package-lock.json');
  const stamp = join(repoRoot, 'node_modules', '.linkages-lock-sha256');
  const sha = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sha) return false;
  await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { log: join(ensureDir(logsDir), 'npm-install.log') });
  writeFileSync(stamp, sha);
  return true;
}

/** Refuses to start a server on a port something else already holds (another checkout's stack, a system service). */
export async function assertPortFree(name, port) {
  if (await portOpen(port)) {
    throw new StackError(
      `${name} cannot start: 127.0.0.1:${port} is already in use by another process (another checkout's stack? stop it with its own \`npm run stack -- down\`, or set LINKAGES_*_PORT).`,
    );
  }
}
