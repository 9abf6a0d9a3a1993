import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from '@linkages/platform-persistence';
import { createLinkagesCoordinationMigration } from '../coordination/create-linkages-coordination-tables.migration';
import { coordinationEntities } from '../coordination/coordination.entities';
import { CreateReferralTables1767000000000 } from '../create-referral-tables.migration';
import { createLinkagesMatchingIndexesMigration } from '../identity/add-linkages-matching-indexes.migration';
import { createLinkagesIdentityMigration } from '../identity/create-linkages-identity-tables.migration';
import { identityEntities } from '../identity/identity.entities';
import { createLinkagesPlanMigration } from '../plan/create-linkages-plan-tables.migration';
import { linkagesPlanEntities } from '../plan/plan.entities';
import { createPreventionReferralMigration } from '../prevention/create-prevention-referral-tables.migration';
import { preventionEntities } from '../prevention/prevention-referral.entities';
import { referralEntities } from '../referral.entities';
import { createConsentScopesMigration } from './add-consent-scopes.migration';
import { createLinkagesFamilyAuthoritiesMigration } from './add-linkages-family-to-authorities.migration';

/**
 * The first referrals migration (written for the `referrals` schema only) run in another schema: its statements with
 * `referrals.` read as the schema given, so process and API tests run the real tables in a throwaway schema.
 */
export function createReferralTablesIn(schema: string): new () => MigrationInterface {
  const s = `"${assertSchemaName(schema)}".`;
  const inner = new CreateReferralTables1767000000000();
  const rewriting = (q: QueryRunner): QueryRunner =>
    new Proxy(q, {
      get(target, prop, receiver) {
        if (prop === 'query') return (sql: string, params?: unknown[]) => target.query(sql.replace(/\breferrals\./g, s), params);
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  return class implements MigrationInterface {
    name = inner.name;
    up(q: QueryRunner): Promise<void> {
      return inner.up(rewriting(q));
    }
    down(q: QueryRunner): Promise<void> {
      return inner.down(rewriting(q));
    }
  };
}

/**
 * Every referrals migration over a schema, oldest first: the one list the service (apps/referrals/src/persistence.ts,
 * schema `referrals`) and the tests' throwaway schemas run. A new referrals migration is added here and nowhere else.
 */
export const referralsMigrations = (schema: string): (new () => MigrationInterface)[] => [
  schema === 'referrals' ? CreateReferralTables1767000000000 : createReferralTablesIn(schema),
  createLinkagesIdentityMigration(schema),
  createLinkagesCoordinationMigration(schema),
  createLinkagesPlanMigration(schema),
  createLinkagesFamilyAuthoritiesMigration(schema),
  createLinkagesMatchingIndexesMigration(schema),
  createConsentScopesMigration(schema),
  createPreventionReferralMigration(schema),
];

/** Every referrals entity, the tables `referralsMigrations` makes (the service's data source maps them all). */
export const referralsEntities = [
  ...referralEntities,
  ...identityEntities,
  ...coordinationEntities,
  ...linkagesPlanEntities,
  ...preventionEntities,
];

/** The referrals migrations over a schema up to and including the one named (a migration's spec: the tables before it). */
export function referralsMigrationsThrough(schema: string, name: string): (new () => MigrationInterface)[] {
  const all = referralsMigrations(schema);
  const end = all.findIndex((m) => new m().name === name);
  if (end < 0) throw new Error(`No referrals migration named ${name}`);
  return all.slice(0, end + 1);
}

/** The referrals tables the authority and plan slices stand on, oldest first, over a schema (tests): through AddConsentScopes1772500000000. */
export const authorityAndPlanMigrations = (schema: string) => referralsMigrationsThrough(schema, 'AddConsentScopes1772500000000');
