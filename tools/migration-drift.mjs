#!/usr/bin/env node
// npm run migrate:check [-- <service|all>]: fails when a service's TypeORM entities and its migrations disagree.
// Every service's migrations run into a throwaway database (so what is compared is what the migrations make on a fresh
// clone, not what the local database has been through); then TypeORM's schema builder is asked, for the service's
// entities (dist/apps/<service>/src/persistence.js), what it would change. schemaDrift in libs/platform/persistence
// says what counts. Any statement is drift: it is printed and the exit code is 1. The database is dropped after.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv, services } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
const [target = 'all'] = process.argv.slice(2);
const selected = target === 'all' ? services : [target];
if (!selected.every((s) => services.includes(s))) {
  console.error(`usage: npm run migrate:check -- <${services.join('|')}|all>`);
  process.exit(2);
}

Object.assign(process.env, serviceEnv());
await ensureBuilt();
const pg = require('pg');
const { createDataSourceOptions, migrateUp, schemaDrift } = require(join(repoRoot, 'dist/libs/platform/persistence/src/index.js'));
if (typeof schemaDrift !== 'function') {
  console.error('dist/ predates schemaDrift (libs/platform/persistence): run `npm run build` first');
  process.exit(1);
}

/** Runs fn against a new, empty database on the stack's server, dropped afterwards whatever happens. */
async function withThrowawayDatabase(fn) {
  const name = `linkages_drift_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'linkages-migrate-check' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin
      .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      .catch((error) => console.error(`  could not drop ${name}: ${error.message}`));
    await admin.end();
  }
}

const failed = await withThrowawayDatabase(async (databaseUrl) => {
  let failures = 0;
  for (const service of selected) {
    try {
      const { persistence } = require(join(repoRoot, 'dist/apps', service, 'src/persistence.js'));
      const options = createDataSourceOptions(databaseUrl, persistence, `${service}-migrate-check`);
      await migrateUp(options).catch((error) => {
        throw new Error(`its migrations fail on an empty database: ${error.message}`);
      });
      const drift = await schemaDrift(options);
      if (drift.pending.length > 0) throw new Error(`migrations not applied: ${drift.pending.join(', ')}`);
      if (drift.statements.length === 0) {
        console.log(
          `  ✔ ${service}: the migrations make what the entities map (${drift.schema}: ${drift.tables.join(', ') || 'no entity tables'})`,
        );
        continue;
      }
      failures++;
      console.error(`  ✖ ${service}: the entities and the migrations disagree; to match the entities TypeORM would run:`);
      for (const statement of drift.statements) console.error(`      ${statement};`);
    } catch (error) {
      failures++;
      console.error(`  ✖ ${service}: ${error.message}`);
    }
  }
  return failures;
});
if (failed > 0) {
  console.error(
    `Migration check failed for ${failed} service(s): make the migrations run on an empty database and create what the entities map.`,
  );
  process.exit(1);
}
