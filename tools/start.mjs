#!/usr/bin/env node
// npm start: installs what is missing (npm ci), provisions and starts the local stack, builds, migrates, then runs
// the four services (API + Temporal worker each) and the web console until Ctrl-C. Prints every URL once everything
// is ready.
// Flags: --no-install, --no-build, --demo (seed the demo families again), --no-demo (never; also LINKAGES_DEMO=off).
// LINKAGES_PORT_OFFSET shifts every service port and the console's (the stack's ports stay).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { consoleConfig, consolePort, serveConsole } from './console-server.mjs';
import { demoSeeded, seedDemo } from './demo.mjs';
import {
  assertPortFree,
  ensureDependencies,
  host,
  logsDir,
  ports,
  repoRoot,
  run,
  serviceEnv,
  services,
  step,
  totalElapsed,
} from './stack/lib.mjs';

const require = createRequire(import.meta.url);
const flags = new Set(process.argv.slice(2));
const offset = Number(process.env.LINKAGES_PORT_OFFSET ?? 0);
const node = process.execPath;

async function main() {
  console.log('Starting Linkages');
  if (!flags.has('--no-install')) await step('npm dependencies', () => ensureDependencies());
  await run(node, [join(repoRoot, 'tools/stack/cli.mjs'), 'up'], { log: join(logsDir, 'stack-up.log') }).catch((error) => {
    throw new Error(`the stack did not come up: ${error.message}`);
  });
  console.log('  ✔ local stack up (PostgreSQL, Kafka, Temporal): details in .stack/logs/stack-up.log');
  if (!flags.has('--no-build'))
    await step('build (SWC + workflow bundles)', () => run(node, [join(repoRoot, 'tools/build.mjs')], { log: join(logsDir, 'build.log') }));
  await step('database migrations', () =>
    run(node, [join(repoRoot, 'tools/migrate.mjs'), 'all', 'up'], { log: join(logsDir, 'migrate.log') }),
  );

  const webPort = consolePort(offset);
  const consoleOrigin = `http://${host}:${webPort}`;
  await assertPortFree('console', webPort);
  const serviceLogs = join(logsDir, 'services');
  mkdirSync(serviceLogs, { recursive: true });
  const children = [];
  const table = [];
  for (const name of services) {
    const { service } = require(join(repoRoot, 'dist/apps', name, 'src/service.js'));
    const port = service.port + offset;
    const healthPort = service.workerHealthPort + offset;
    // A port already held (an earlier run's orphan, another checkout) would let the readiness check pass against
    // the wrong process: refuse instead.
    await assertPortFree(`${name} API`, port);
    await assertPortFree(`${name} worker health`, healthPort);
    // The services answer cross-origin calls from this run's console only (CORS).
    const env = serviceEnv({ PORT: String(port), WORKER_HEALTH_PORT: String(healthPort), CONSOLE_ORIGIN: consoleOrigin });
    for (const [kind, entry] of [
      ['api', 'main.js'],
      ['worker', 'worker.js'],
    ]) {
      const log = join(serviceLogs, `${name}-${kind}.log`);
      children.push({ name: `${name} ${kind}`, script: join(repoRoot, 'dist/apps', name, 'src', entry), env, log, restarts: [] });
    }
    table.push({ name, port, healthPort });
  }

  let stopping = false;
  let webServer;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the services (the stack keeps running; `npm run stack -- down` stops it)…');
    webServer?.close();
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const results = await Promise.all(
      children.map(({ name, child }) =>
        child.exitCode !== null || child.signalCode !== null
          ? { name, code: child.exitCode ?? child.signalCode }
          : new Promise((r) => child.once('exit', (c, sig) => r({ name, code: c ?? sig }))),
      ),
    );
    const unclean = results.filter((r) => r.code !== 0);
    if (unclean.length === 0) console.log('All services stopped cleanly.');
    else console.error(`Not stopped cleanly: ${unclean.map((r) => `${r.name} (${r.code})`).join(', ')}`);
    process.exit(unclean.length === 0 ? code : 1);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // npm start supervises its services as a deployment's supervisor would (a worker exits on a fatal error so that it is
  // restarted): a process that exits on its own is restarted, at most twice a minute, with what it last wrote; a
  // configuration error (exit 78) or a crash loop stops everything.
  const launch = (entry) => {
    entry.logStart = existsSync(entry.log) ? statSync(entry.log).size : 0;
    entry.child = spawn(node, ['--enable-source-maps', entry.script], {
      env: entry.env,
      stdio: ['ignore', openSync(entry.log, 'a'), openSync(entry.log, 'a')],
    });
    entry.child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`\n✖ ${entry.name} exited (${code ?? signal}). Its log: ${entry.log}`);
      console.error(lastLines(entry.log, entry.logStart));
      const now = Date.now();
      entry.restarts = entry.restarts.filter((at) => now - at < 60_000);
      if (code !== 78 && entry.restarts.length < 2) {
        entry.restarts.push(now);
        console.error(`  restarting ${entry.name} (${entry.restarts.length} of 2 within a minute)`);
        launch(entry);
        return;
      }
      void stop(1);
    });
  };
  for (const entry of children) launch(entry);

  await step('services ready (/health/ready on every API and worker)', () =>
    Promise.all(
      table.flatMap(({ port, healthPort }) => [
        waitReady(`http://${host}:${port}/health/ready`),
        waitReady(`http://${host}:${healthPort}/health/ready`),
      ]),
    ),
  );

  webServer = await serveConsole({ port: webPort, config: consoleConfig(offset) });
  const demoWanted = flags.has('--demo') || (!flags.has('--no-demo') && process.env.LINKAGES_DEMO !== 'off' && !demoSeeded());
  if (demoWanted) {
    const settings = serviceEnv();
    await step('demo families (fictional, with running clocks)', async () => {
      const urls = Object.fromEntries(table.map(({ name, port }) => [name, `http://${host}:${port}`]));
      const created = await seedDemo({ urls, issuer: settings.AUTH_ISSUER, audience: settings.AUTH_AUDIENCE ?? 'linkages-api' });
      return `${created.length} families`;
    }).catch((error) => console.error(`  ✖ the demo could not be seeded (the services run on): ${error.message}`));
  }
  console.log(`\nLinkages is up (${totalElapsed()}).\n`);
  console.log(`  ${'Console'.padEnd(14)} ${consoleOrigin}   (sign in as a demo user: cws-supervisor, calworks-worker, ops…)`);
  for (const { name, port, healthPort } of table) {
    console.log(
      `  ${name.padEnd(14)} API docs http://${host}:${port}/docs   ready http://${host}:${port}/health/ready   worker http://${host}:${healthPort}/health/ready`,
    );
  }
  console.log(`  ${'Temporal UI'.padEnd(14)} http://${host}:${ports.temporalUi}`);
  console.log(`  ${'Mailpit UI'.padEnd(14)} http://${host}:${ports.mailpitUi}   (the e-mail the services send locally)`);
  console.log(`\nService logs (JSON lines): ${serviceLogs}. Stack status: npm run stack -- status. Ctrl-C stops the services.`);
}

/** The last lines the process wrote to its log in this run, readable: JSON lines as `level msg (err)`. */
function lastLines(log, from, count = 25) {
  try {
    const text = readFileSync(log).subarray(from).toString('utf8');
    const lines = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-count);
    if (lines.length === 0) return '  (it wrote nothing to its log)';
    return lines
      .map((line) => {
        try {
          const entry = JSON.parse(line);
          const err = entry.err ? ` (${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''})` : '';
          return `  ${entry.level ?? ''} ${entry.msg ?? ''}${err}`.slice(0, 600);
        } catch {
          return `  ${line}`.slice(0, 600);
        }
      })
      .join('\n');
  } catch (error) {
    return `  (its log could not be read: ${error.message})`;
  }
}

async function waitReady(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000}s: ${last}`);
}

main().catch((error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  process.exit(1);
});
