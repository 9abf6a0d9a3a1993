#!/usr/bin/env node
// npm test: provisions what the tests need (npm dependencies, the local stack, the build, migrations), then runs
// the migration drift check, lint, typecheck and every test: unit, integration (real PostgreSQL, Kafka, Temporal) and end-to-end.
// The last line reads `tests: N passed, N failed, N skipped`; the exit code is non-zero on any failure.
// Last, `clean tree` fails when the run left a file modified or untracked that was clean before it (see treeChanges).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensureDir, repoRoot, stackDir } from './stack/lib.mjs';

const node = process.execPath;
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const reports = ensureDir(join(stackDir, 'reports'));
const failures = [];
const timings = [];

/**
 * The paths `git status` reports as modified, added, deleted, renamed or untracked (git-ignored files do not count),
 * or null when the repository is not a git checkout (an unpacked archive) or git is missing.
 */
function dirtyPaths() {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: repoRoot, encoding: 'utf8' });
  if (top.status !== 0 || realpathSync(top.stdout.trim()) !== realpathSync(repoRoot)) return null;
  const status = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (status.status !== 0) return null;
  const entries = status.stdout.split('\0').filter(Boolean);
  const paths = new Map();
  for (let i = 0; i < entries.length; i++) {
    const code = entries[i].slice(0, 2);
    let path = entries[i].slice(3);
    if (code.includes('R') || code.includes('C')) path = `${entries[++i]} -> ${path}`; // -z: the source path follows
    paths.set(path, code);
  }
  return paths;
}
// Recorded before anything runs, so a developer's own uncommitted edits do not fail their run; on a fresh clone (CI)
// this is empty and every file the run creates or modifies fails the check.
const dirtyBefore = dirtyPaths();

/** The clean-tree check: the files this run modified or created, which a fresh clone must not end up with. */
function treeChanges() {
  if (dirtyBefore === null) {
    console.log('  not a git checkout: nothing to compare');
    return 0;
  }
  const after = dirtyPaths() ?? new Map();
  const changed = [...after].filter(([path]) => !dirtyBefore.has(path));
  if (changed.length === 0) {
    const before = dirtyBefore.size ? ` (${dirtyBefore.size} changed before it, not counted)` : '';
    console.log(`  git status shows no file changed by this run${before}`);
    return 0;
  }
  console.error(`  npm test left ${changed.length} file(s) modified or untracked that were clean before it ran:`);
  for (const [path, code] of changed) console.error(`    ${code} ${path}`);
  console.error(
    '  A fresh clone must stay clean after `npm test`: write test output and generated files under a git-ignored path' +
      ' (.stack/, tmp/, dist/), or commit the file if it belongs in the repository (e.g. package-lock.json: `npm install`, then commit it).',
  );
  return 1;
}

function sh(cmd, args, env = {}, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function phase(name, fn, { fatal = false } = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  console.log(`${code === 0 ? '✔' : '✖'} ${name} (${seconds}s)`);
  if (code !== 0) {
    failures.push(name);
    if (fatal) finish();
  }
}

function jestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A suite that failed to run counts as a failure even though it ran no test.
  return { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, skipped: r.numPendingTests + r.numTodoTests };
}

function finish() {
  const files = [join(reports, 'jest.json'), join(reports, 'jest-e2e.json')].filter(existsSync);
  const total = files
    .map(jestCounts)
    .reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), {
      passed: 0,
      failed: 0,
      skipped: 0,
    });
  // Phases that are not Jest (install, stack, lint, typecheck) count as one failed check each.
  const failed = total.failed + failures.filter((f) => !f.startsWith('tests')).length;
  console.log(`\nPhases: ${timings.join(', ')}`);
  if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
  console.log(`tests: ${total.passed} passed, ${failed} failed, ${total.skipped} skipped`);
  process.exit(failures.length === 0 && failed === 0 ? 0 : 1);
}

for (const f of ['jest.json', 'jest-e2e.json']) rmSync(join(reports, f), { force: true });
await phase(
  'npm dependencies',
  () =>
    ensureDependencies().then(
      () => 0,
      (e) => (console.error(e.message), 1),
    ),
  { fatal: true },
);
await phase('local stack up', () => sh(node, ['tools/stack/cli.mjs', 'up']), { fatal: true });
await phase('build', () => sh(node, ['tools/build.mjs']), { fatal: true });
await phase('migrate', () => sh(node, ['tools/migrate.mjs', 'all', 'up']), { fatal: true });
// Every service's migrations into a throwaway database, compared with its entities (`npm run migrate:check`).
await phase('migration drift', () => sh(node, ['tools/migration-drift.mjs']));
// The Nx project graph is computed first so @nx/enforce-module-boundaries has it; one ESLint run over the repo, then
// Prettier checks the formatting (`npm run format` fixes it). Both must pass.
await phase('lint', async () => {
  const graph = await sh(bin('nx'), ['show', 'projects'], {}, { quiet: true });
  if (graph !== 0) return graph;
  const eslint = await sh(bin('eslint'), ['.', '--max-warnings=0']);
  const prettier = await sh(bin('prettier'), ['--check', '.', '--log-level=warn']);
  if (prettier !== 0) console.error('  Prettier: files above are not formatted; `npm run format` rewrites them.');
  return eslint || prettier;
});
await phase('typecheck', async () => {
  const services = await sh(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  const console_ = await sh(bin('tsc'), ['-p', 'apps/console/tsconfig.json', '--noEmit']);
  return services || console_;
});
const jest = (extra, out) => sh(bin('jest'), ['--ci', '--json', `--outputFile=${out}`, ...extra], { LINKAGES_STACK_READY: '1' });
await phase('tests: unit and integration', () =>
  jest(['--maxWorkers=2', '--testPathIgnorePatterns', 'e2e-spec'], join(reports, 'jest.json')),
);
// The console's browser tests drive Debian's Chromium with Playwright (installed here with apt-get when missing).
await phase('browser (Chromium for the console tests)', async () => {
  const { install } = await import('./stack/components/chromium.mjs');
  try {
    const { path, installed } = await install();
    process.env.CHROMIUM_PATH = path;
    console.log(`  ${installed ? 'installed' : 'found'} ${path}`);
    return 0;
  } catch (error) {
    console.error(`  ${error.message}`);
    return 1;
  }
});
await phase('tests: end-to-end', () =>
  jest(['--selectProjects', 'platform-e2e', '--testPathPatterns', 'e2e-spec', '--runInBand'], join(reports, 'jest-e2e.json')),
);
await phase('clean tree', async () => treeChanges());
finish();
