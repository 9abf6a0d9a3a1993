#!/usr/bin/env node
// npm run build: compiles apps/ and libs/ with SWC into dist/ (runnable with plain node), then prebuilds each
// service's Temporal workflow bundle into dist/workflow-bundles/<service>.js, then builds the web console with Vite
// into dist/apps/console. Any error fails the build loudly.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { transformFile } = require('@swc/core');
const { swcOptions } = require('./swc.cjs');

const isSource = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.(spec|integration-spec|e2e-spec|spec-helper)\.ts$/.test(f);

function sources(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The console is a browser app: Vite builds it (below), SWC builds the Node code.
    if (name === 'node_modules' || path === join(root, 'apps', 'console')) return [];
    return statSync(path).isDirectory() ? sources(path) : isSource(path) && path.includes(`${'/src/'}`) ? [path] : [];
  });
}

async function compile() {
  const files = [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))];
  const options = swcOptions();
  const failures = [];
  await Promise.all(
    files.map(async (file) => {
      const out = join(dist, relative(root, file)).replace(/\.ts$/, '.js');
      try {
        const { code, map } = await transformFile(file, { ...options, filename: file, swcrc: false, outputPath: out });
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map`);
        if (map) writeFileSync(`${out}.map`, map);
      } catch (error) {
        failures.push(`${relative(root, file)}: ${error.message ?? error}`);
      }
    }),
  );
  if (failures.length) throw new Error(`SWC failed on ${failures.length} file(s):\n${failures.join('\n')}`);
  return files.length;
}

/** Each service's bundle holds only what its worker runs (apps/<service>/src/workflows.ts); the benchmark has its own. */
async function bundleWorkflows(entries) {
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const { workflowBundleOptions } = require(join(dist, 'libs/platform/temporal/src/index.js'));
  const silent = {
    info() {},
    debug() {},
    trace() {},
    log() {},
    warn: (m) => console.warn(`    ${m}`),
    error: (m) => console.error(`    ${m}`),
  };
  mkdirSync(join(dist, 'workflow-bundles'), { recursive: true });
  for (const [name, entry] of entries) {
    const started = Date.now();
    const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(entry), logger: silent });
    writeFileSync(join(dist, 'workflow-bundles', `${name}.js`), code);
    console.log(`  ✔ workflow bundle ${name} (${((Date.now() - started) / 1000).toFixed(1)}s, ${(code.length / 1024).toFixed(0)} KiB)`);
  }
}

const started = Date.now();
try {
  rmSync(dist, { recursive: true, force: true });
  const count = await compile();
  console.log(`  ✔ compiled ${count} TypeScript files to dist/ (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  const services = readdirSync(join(root, 'apps')).filter((a) => existsSync(join(root, 'apps', a, 'src', 'workflows.ts')));
  await bundleWorkflows([
    ...services.map((service) => [service, join(root, 'apps', service, 'src', 'workflows.ts')]),
    ['bench', join(root, 'libs/platform/deadlines/workflows/src/bench/index.ts')],
  ]);
  const consoleStarted = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'apps/console/vite.config.mts'), logLevel: 'warn' });
  console.log(`  ✔ console (Vite, ${((Date.now() - consoleStarted) / 1000).toFixed(1)}s)`);
  console.log(`Build done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
} catch (error) {
  console.error(`\nBuild FAILED: ${error.message ?? error}`);
  process.exit(1);
}
