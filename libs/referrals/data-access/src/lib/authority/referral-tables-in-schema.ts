import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from '@linkages/platform-persistence';
import { CreateReferralTables1767000000000 } from '../create-referral-tables.migration';
import { createLinkagesIdentityMigration } from '../identity/create-linkages-identity-tables.migration';
import { createLinkagesPlanMigration } from '../plan/create-linkages-plan-tables.migration';
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

/** The referrals tables the authority and plan slices stand on, oldest first, over a schema (tests). */
export const authorityAndPlanMigrations = (schema: string) => [
  createReferralTablesIn(schema),
  createLinkagesIdentityMigration(schema),
  createLinkagesPlanMigration(schema),
  createLinkagesFamilyAuthoritiesMigration(schema),
  createConsentScopesMigration(schema),
];
