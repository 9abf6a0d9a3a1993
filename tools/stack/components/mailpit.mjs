// Mailpit: a real SMTP server that keeps every message it accepts and shows it in a web UI and a REST API on loopback,
// so the platform's e-mail is delivered over SMTP for real and a person (or a test) can read it. Built once from its Go
// module like the Temporal CLI (see build()). Development only: it relays nothing, accepts any SMTP credentials and has
// no UI password.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import {
  StackError,
  assertPortFree,
  cacheDir,
  ensureDir,
  host,
  isAlive,
  logsDir,
  ports,
  readPid,
  requireCommand,
  run,
  stackDir,
  startDetached,
  stopDetached,
  waitUntil,
} from '../lib.mjs';

export const version = 'v1.33.1';
const goModule = 'github.com/axllent/mailpit';
const home = join(stackDir, 'mailpit');
const dbFile = join(home, 'mailpit.db');
const binary = join(stackDir, 'bin', 'mailpit');
/** Which version `.stack/bin/mailpit` is, so a version bump re-links instead of running the old binary. */
const binaryVersionFile = join(stackDir, 'bin', 'mailpit.version');
const cachedBinary = join(cacheDir, 'mailpit', version, 'mailpit');
/**
 * The packages that bundle Mailpit's mail UI (server/ui-src/app.js), pinned: the versions of Mailpit's package.json
 * ranges that the npm registry here serves and that were built and checked with v1.33.1 (revisit with the version).
 */
const uiPackages = {
  '@popperjs/core': '2.11.8',
  axios: '1.21.1',
  bootstrap: '5.3.9',
  'bootstrap-icons': '1.13.2',
  'bootstrap5-tags': '1.7.17',
  'color-hash': '2.0.2',
  dayjs: '1.11.23',
  dompurify: '3.5.0',
  'highlight.js': '11.12.0',
  'ical.js': '2.2.1',
  mitt: '3.0.1',
  'modern-screenshot': '4.7.0',
  'timezones-list': '3.1.0',
  vue: '3.5.45',
  'vue-css-donut-chart': '2.1.0',
  'vue-router': '5.5.1',
  // the build tools
  esbuild: '0.28.2',
  'esbuild-plugin-vue-next': '0.1.4',
  'esbuild-sass-plugin': '3.7.0',
  '@vue/compiler-sfc': '3.5.45',
};
/** Mailpit prunes the oldest messages beyond this many (its default, 500, is too few for a benchmark run). */
export const maxMessages = 10_000;

const localSmtpUrl = `smtp://${host}:${ports.mailpitSmtp}`;
const localApiUrl = `http://${host}:${ports.mailpitUi}`;

/** An SMTP server of your own (SMTP_URL pointing elsewhere): the stack then neither starts nor stops Mailpit. */
export const external = () => Boolean(process.env.SMTP_URL) && process.env.SMTP_URL.replace(/\/+$/, '') !== localSmtpUrl;
export const smtpUrl = () => (external() ? process.env.SMTP_URL : localSmtpUrl);
/** Mailpit's web UI and API; with an SMTP server of your own, only when MAILPIT_URL names its Mailpit. */
export const apiUrl = () => process.env.MAILPIT_URL?.replace(/\/+$/, '') ?? (external() ? undefined : localApiUrl);

/** Connection settings written to .stack/stack.env; SMTP_URL and MAILPIT_URL in the environment win. */
export function env() {
  const api = apiUrl();
  return { SMTP_URL: smtpUrl(), ...(api ? { MAILPIT_URL: api } : {}) };
}

export async function install() {
  if (external()) return 'external (SMTP_URL)';
  ensureDir(home);
  const kept = existsSync(dbFile) ? ', existing mailbox kept' : '';
  if (existsSync(binary) && readVersion(binaryVersionFile) === version) return `ready${kept}`;
  if (!existsSync(cachedBinary)) {
    requireCommand('go', ['version'], 'Go 1.23+: `apt-get install golang` or https://go.dev/doc/install');
    process.stdout.write(`    building Mailpit ${version} with Go and its web UI with npm (first time only: a few minutes on 2 cores)\n`);
    const started = Date.now();
    const progress = setInterval(
      () => process.stdout.write(`    … still building Mailpit (${Math.round((Date.now() - started) / 1000)}s)\n`),
      20_000,
    );
    try {
      await build();
    } finally {
      clearInterval(progress);
    }
  }
  ensureDir(join(stackDir, 'bin'));
  rmSync(binary, { force: true });
  try {
    linkSync(cachedBinary, binary);
  } catch {
    copyFileSync(cachedBinary, binary);
  }
  writeFileSync(binaryVersionFile, `${version}\n`);
  return `built${kept}`;
}

/**
 * `go install github.com/axllent/mailpit@v1.33.1` alone gives a server whose web UI is a blank page: the UI's
 * JavaScript and CSS (server/ui/dist) are built by npm in Mailpit's release process and are not in the Go module. So,
 * as Mailpit's own Dockerfile does: the module's source (from the Go module proxy), the UI bundled with esbuild, then
 * `go build` with the UI embedded. Mailpit's package-lock pins versions the npm registry here does not all serve, so
 * the UI's packages are `uiPackages`; the API documentation page (/api/v1/, which needs rapidoc 12, not served here)
 * is left out, and sass-embedded (an optional peer) too: the Sass plugin then uses the pure-JS `sass`.
 */
async function build() {
  const log = join(ensureDir(logsDir), 'mailpit-install.log');
  const goEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' };
  const download = spawnSync('go', ['mod', 'download', '-json', `${goModule}@${version}`], { encoding: 'utf8', env: goEnv });
  if (download.status !== 0) throw new StackError(`go mod download ${goModule}@${version} failed:\n${download.stdout}${download.stderr}`);
  const { Dir: moduleDir } = JSON.parse(download.stdout);
  const src = join(cacheDir, 'mailpit', version, 'build');
  rmSync(src, { recursive: true, force: true });
  cpSync(moduleDir, src, { recursive: true });
  await run('chmod', ['-R', 'u+w', src], { log }); // the module cache is read-only
  try {
    await buildUi(src, log);
  } catch (error) {
    // SMTP and the API (what the tests and the services use) do not need the UI: build without it rather than fail
    // the whole stack, and say so (the web UI then shows a blank page).
    process.stdout.write(
      `    ⚠ Mailpit's web UI did not build (${error.message.split('\n')[0]}); building Mailpit without it: see ${log}\n`,
    );
  }
  ensureDir(join(cacheDir, 'mailpit', version));
  await run('go', ['build', '-trimpath', `-ldflags=-s -w -X ${goModule}/config.Version=${version}`, '-o', cachedBinary, '.'], {
    cwd: src,
    env: goEnv,
    log,
  });
  rmSync(src, { recursive: true, force: true });
}

/** Mailpit's web UI bundled into server/ui/dist (embedded by `go build`), from `uiPackages`. */
async function buildUi(src, log) {
  requireCommand('npm', ['--version'], 'Node.js 20.19+ with npm');
  writeFileSync(
    join(src, 'package.json'),
    JSON.stringify({ name: 'mailpit-ui-build', private: true, type: 'module', dependencies: uiPackages }),
  );
  rmSync(join(src, 'package-lock.json'), { force: true });
  await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--prefer-offline'], { cwd: src, log });
  // Mailpit's esbuild.config.mjs, with the mail UI's entry point only.
  const config = readFileSync(join(src, 'esbuild.config.mjs'), 'utf8');
  const entries = 'entryPoints: ["server/ui-src/app.js", "server/ui-src/docs.js"]';
  if (!config.includes(entries))
    throw new StackError(`Mailpit ${version}'s esbuild.config.mjs has changed: update tools/stack/components/mailpit.mjs`);
  writeFileSync(join(src, 'build-ui.mjs'), config.replace(entries, 'entryPoints: ["server/ui-src/app.js"]'));
  await run(process.execPath, ['build-ui.mjs'], { cwd: src, log, env: { ...process.env, MINIFY: 'true' } });
  if (!existsSync(join(src, 'server', 'ui', 'dist', 'app.js'))) throw new StackError(`Mailpit's web UI did not build: see ${log}`);
}

function readVersion(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export async function start() {
  if (external()) return;
  if (isAlive(readPid('mailpit'))) return;
  await assertPortFree('Mailpit (SMTP)', ports.mailpitSmtp);
  await assertPortFree('Mailpit (web UI)', ports.mailpitUi);
  ensureDir(home);
  // MP_* variables configure Mailpit too; the stack's flags are the whole configuration, so none is passed on.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MP_')));
  startDetached(
    'mailpit',
    binary,
    [
      '--smtp',
      `${host}:${ports.mailpitSmtp}`,
      '--listen',
      `${host}:${ports.mailpitUi}`,
      '--database',
      dbFile,
      '--max',
      String(maxMessages),
      '--label',
      'Linkages local stack',
      // Services may be configured with SMTP credentials (as for a real relay): accept them without TLS on loopback.
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--smtp-disable-rdns',
      '--disable-version-check', // it would ask GitHub for releases on every start
    ],
    { env },
  );
  await waitUntil('mailpit', async () => (await smtpHealth()).ok && (await uiHealth()).ok, { timeoutMs: 60_000 });
}

export const stop = () => (external() ? Promise.resolve(false) : stopDetached('mailpit', 10_000));

/** Healthy when the SMTP server greets with 220 (smtp:// plain or STARTTLS-capable, smtps:// implicit TLS). */
export function smtpHealth() {
  const started = Date.now();
  const url = new URL(smtpUrl());
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 25));
  const where = `${url.hostname}:${port}`;
  return new Promise((resolvePromise, reject) => {
    const options = { host: url.hostname, port, servername: url.hostname };
    const socket = secure ? tlsConnect(options) : createConnection(options);
    let received = '';
    const finish = (fn) => {
      socket.removeAllListeners('data');
      socket.end('QUIT\r\n');
      socket.destroy();
      fn();
    };
    socket.setTimeout(3000, () => finish(() => reject(new Error(`${where}: no SMTP greeting within 3 s`))));
    socket.once('error', (error) => finish(() => reject(new Error(`${where}: not answering (${error.code ?? error.message})`))));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n');
      if (end < 0) return;
      const greeting = received.slice(0, end);
      finish(() =>
        resolvePromise(
          greeting.startsWith('220')
            ? { ok: true, detail: `greets "${greeting.slice(4, 44)}", ${Date.now() - started} ms`, where: `${url.protocol}//${url.host}` }
            : { ok: false, detail: `greeting is not 220: ${greeting.slice(0, 60)}`, where: `${url.protocol}//${url.host}` },
        ),
      );
    });
  });
}

/** Healthy when Mailpit's API answers /api/v1/info (with the version the stack builds, when the stack runs it). */
export async function uiHealth() {
  const api = apiUrl();
  if (!api) return { ok: true, detail: 'SMTP server of your own without MAILPIT_URL: no mailbox to read', where: '-' };
  const started = Date.now();
  let res;
  try {
    res = await fetch(`${api}/api/v1/info`, { signal: AbortSignal.timeout(3000) });
  } catch (error) {
    throw new Error(`${api}: not answering (${error.cause?.code ?? error.message})`);
  }
  if (!res.ok) return { ok: false, detail: `${api}/api/v1/info: HTTP ${res.status}`, where: api };
  const info = await res.json();
  if (!external() && !process.env.MAILPIT_URL && info.Version !== version) {
    return { ok: false, detail: `Mailpit ${info.Version} runs, the stack builds ${version}: stack down, then up`, where: api };
  }
  return { ok: true, detail: `Mailpit ${info.Version}, ${info.Messages} messages, ${Date.now() - started} ms`, where: api };
}

/** Empties the mailbox (the database is recreated on the next start). */
export function reset() {
  for (const suffix of ['', '-shm', '-wal']) rmSync(`${dbFile}${suffix}`, { force: true });
}
