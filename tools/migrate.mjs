#!/usr/bin/env node
// npm run migrate [-- <service|all> [up|down]]: applies (or reverts the last of) each service's TypeORM migrations
// in its own PostgreSQL schema, using the app's standalone data source from dist/ (built if missing).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv, services } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
const [target = 'all', direction = 'up'] = process.argv.slice(2);
const selected = target === 'all' ? services : [target];
if (!selected.every((s) => services.includes(s)) || !['up', 'down'].includes(direction)) {
  console.error(`usage: npm run migrate -- <${services.join('|')}|all> [up|down]`);
  process.exit(2);
}

Object.assign(process.env, serviceEnv());
await ensureBuilt();
const { migrateUp, migrateDown } = require(join(repoRoot, 'dist/libs/platform/persistence/src/index.js'));
try {
  for (const service of selected) {
    const { dataSourceOptions } = require(join(repoRoot, 'dist/apps', service, 'src/data-source.js'));
    const report = await (direction === 'up' ? migrateUp : migrateDown)(dataSourceOptions());
    console.log(`  ✔ ${service}: schema ${report.schema}, ${report.applied.length ? report.applied.join(', ') : 'nothing to do'}`);
  }
} catch (error) {
  console.error(`Migration failed: ${error.message}`);
  process.exit(1);
}
