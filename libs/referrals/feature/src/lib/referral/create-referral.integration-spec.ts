import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { BlindIndex, FieldCipher, MatchKeys, parseKeyring, PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter, createMessagingMigration } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv } from '@linkages/platform-testing';
import {
  CreateReferralTables1767000000000,
  FamilyResolver,
  IdentityRepository,
  ReferralRepository,
  createLinkagesIdentityMigration,
  identityEntities,
  referralEntities,
} from '@linkages/referrals-data-access';
import { FamilyLinker } from '../identity/family-linker';
import { MatchPipeline } from '../identity/match-pipeline';
import type { CreateReferral } from '../referral.schemas';
import { CreateReferralCommand } from './create-referral.command';
import { TypedInHouseholdMatcher } from './typed-in-household';

// POST /referrals below HTTP on the real PostgreSQL (a throwaway database: the referral tables live in `referrals`):
// the typed-in members go through the matching pipeline, so the same family posted twice is one Linkages family and
// the second answer names the first referral; another family gets its own.
describe('CreateReferral deduplicates through matching (PostgreSQL)', () => {
  const stack = stackEnv();
  const name = `linkages_it_ref_${randomBytes(4).toString('hex')}`;
  const schema = 'referrals';
  const admin = new Client({ connectionString: stack.DATABASE_URL });
  let ds: DataSource;
  let command: CreateReferralCommand;
  const principal: Principal = { subject: 'csw-1', roles: ['cws.worker'], agency: 'cws', county: '06085' };
  const body = (members: CreateReferral['members']): CreateReferral => ({
    caseType: 'ER',
    cwsCaseNumber: 'CWS-2026-0099',
    childrenRemoved: 0,
    allegations: [],
    servicesRecommended: [],
    members,
  });
  const family: CreateReferral['members'] = [
    { role: 'parent', firstName: 'Maria', lastName: 'Nakamura-Ochoa', dateOfBirth: '1990-05-17', ssn: '523-11-2233' },
    { role: 'child', firstName: 'Lucia', lastName: 'Nakamura-Ochoa', dateOfBirth: '2018-09-01' },
  ];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(stack.DATABASE_URL);
    url.pathname = `/${name}`;
    const options = createDataSourceOptions(
      url.toString(),
      {
        schema,
        entities: [...referralEntities, ...identityEntities],
        migrations: [
          createMessagingMigration(schema),
          createAuditMigration(schema),
          CreateReferralTables1767000000000,
          createLinkagesIdentityMigration(schema),
        ],
      },
      'it-create-referral',
    );
    await migrateUp(options);
    ds = await new DataSource(options).initialize();
    const personalData = new PersonalData(
      new FieldCipher(parseKeyring(stack.FIELD_ENCRYPTION_KEYS, 'FIELD_ENCRYPTION_KEYS')),
      BlindIndex.fromBase64(stack.BLIND_INDEX_KEY),
    );
    const outbox = new OutboxWriter(schema, 'referrals');
    const audit = new AuditLog(ds, schema);
    const identity = new IdentityRepository();
    const resolver = new FamilyResolver();
    const linker = new FamilyLinker(identity, resolver, outbox, audit);
    const pipeline = new MatchPipeline(identity, resolver, linker, outbox, audit);
    command = new CreateReferralCommand(
      ds,
      new ReferralRepository(),
      outbox,
      personalData,
      audit,
      new TypedInHouseholdMatcher(MatchKeys.fromBase64(stack.MATCH_KEY), resolver, identity, pipeline),
    );
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('the same family posted twice is one Linkages family; the second answer carries duplicateOf', async () => {
    const first = await command.execute({ principal, correlationId: 'it-1' }, body(family));
    expect(first.duplicateOf).toBeUndefined();
    // The second time with a nickname and the child's date of birth typed day-first.
    const second = await command.execute(
      { principal, correlationId: 'it-2' },
      body([
        { ...family[0]!, firstName: 'Mari' },
        { ...family[1]!, dateOfBirth: '2018-01-09' },
      ]),
    );
    expect(second.familyId).toBe(first.familyId);
    expect(second.duplicateOf).toBe(first.id);
    // The family-referred events are keyed by the Linkages family id.
    const events = (await ds.query(`SELECT partition_key, value FROM "${schema}".outbox WHERE event_type LIKE '%family-referred%'`)) as {
      partition_key: string;
      value: string;
    }[];
    expect(events.map((e) => e.partition_key)).toEqual([first.familyId, first.familyId]);
    // No match key in the answers or the events.
    const tokens = (
      (await ds.query(`SELECT keys FROM "${schema}".person_records`)) as { keys: { first: { exact: string; bloom: string } } }[]
    ).flatMap((r) => [r.keys.first.exact, r.keys.first.bloom]);
    for (const text of [JSON.stringify(first), JSON.stringify(second), ...events.map((e) => e.value)]) {
      for (const token of tokens) expect(text).not.toContain(token);
    }
  });

  it('another family gets its own Linkages family', async () => {
    const other = await command.execute(
      { principal, correlationId: 'it-3' },
      body([{ role: 'parent', firstName: 'Thanh', lastName: 'Pham', dateOfBirth: '1985-12-24', ssn: '601-22-3344' }]),
    );
    const earlier = (await ds.query(`SELECT DISTINCT family_id FROM "${schema}".referrals`)) as { family_id: string }[];
    expect(earlier.filter((r) => r.family_id === other.familyId)).toHaveLength(1);
    expect(other.duplicateOf).toBeUndefined();
    expect(earlier).toHaveLength(2);
  });
});
