import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { calworksRules } from '@linkages/calworks-domain';
import {
  AssistanceUnitRepository,
  CreateCalworksHouseholdTables1770000000000,
  WtwParticipantRepository,
  householdEntities,
} from '@linkages/calworks-data-access';
import type { Principal } from '@linkages/platform-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import {
  DeadlineClient,
  DeadlineCommands,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { createIdempotencyMigration } from '@linkages/platform-http';
import { OutboxWriter, createMessagingMigration } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import type { TemporalClientHandle } from '@linkages/platform-temporal';
import { stackCrypto, stackEnv } from '@linkages/platform-testing';
import { AddMember } from './assistance-unit/add-member.command';
import { AssistanceUnitByCaseNumberQuery } from './assistance-unit/assistance-unit-by-case-number.query';
import { AssistanceUnitLoader } from './assistance-unit/assistance-unit.loader';
import { AssistanceUnitQuery } from './assistance-unit/assistance-unit.query';
import { CreateAssistanceUnit } from './assistance-unit/create-assistance-unit.command';
import { RecordAidedStatus } from './assistance-unit/record-aided-status.command';
import { RecordGrantChange } from './assistance-unit/record-grant-change.command';
import { HouseholdAudit } from './household-audit';
import type { HouseholdCtx } from './household.context';
import { HouseholdRecords } from './household-records';
import { AddSupportiveService } from './wtw/add-supportive-service.command';
import { EnrollWtwParticipant } from './wtw/enroll-wtw-participant.command';
import { ReferFamilyStabilization } from './wtw/refer-family-stabilization.command';
import { RequestExemption } from './wtw/request-exemption.command';
import { SignWtwPlan } from './wtw/sign-wtw-plan.command';
import { VerifyExemption } from './wtw/verify-exemption.command';
import { WtwParticipantLoader } from './wtw/wtw-participant.loader';
import { WtwParticipantQuery } from './wtw/wtw-participant.query';

/** A CalWORKs worker of a county. */
export const worker = (county: string, subject = 'it-calworks-worker'): HouseholdCtx => ({
  principal: { subject, roles: ['calworks.worker'], agency: 'calworks', county } as Principal,
  correlationId: `it-${randomBytes(4).toString('hex')}`,
});

/**
 * The household's use cases against a throwaway PostgreSQL database on the stack's server, migrated with the
 * service's platform migrations and the household migration (as apps/calworks/src/persistence.ts lists them). No
 * deadline workflow runs here: a clock is its tracked row and its deadline command (the worker's relay applies them).
 */
export async function startHousehold() {
  const env = stackEnv();
  const name = `linkages_it_household_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const options = createDataSourceOptions(
    url.toString(),
    {
      schema: 'calworks',
      entities: [TrackedDeadlineEntity, ...householdEntities],
      migrations: [
        createMessagingMigration('calworks'),
        createAuditMigration('calworks'),
        createIdempotencyMigration('calworks'),
        ...deadlineTrackingMigrations('calworks'),
        CreateCalworksHouseholdTables1770000000000,
      ],
    },
    'it-household',
  );
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();

  const identity = { name: 'calworks', schema: 'calworks' };
  const registry = new PolicyRegistry(calworksRules);
  // No Temporal client: a live clock view fails and the view shows the tracked row only.
  const temporal = {} as TemporalClientHandle;
  const deadlines = new TrackedDeadlines(
    new DeadlineCommands(identity, registry),
    new DeadlineClient(temporal, identity, registry),
    identity,
    registry,
  );
  const { personalData, matchKeys } = stackCrypto(env);
  const audit = new HouseholdAudit(new AuditLog(dataSource, 'calworks'));
  const outbox = new OutboxWriter('calworks', 'calworks');
  const units = new AssistanceUnitRepository();
  const participants = new WtwParticipantRepository();
  const records = new HouseholdRecords(units, participants, audit);
  const auLoader = new AssistanceUnitLoader(units);
  const wtwLoader = new WtwParticipantLoader(participants, deadlines);
  const useCases = {
    createAu: new CreateAssistanceUnit(dataSource, units, personalData, matchKeys, outbox, audit),
    auQuery: new AssistanceUnitQuery(dataSource, records, auLoader, personalData, audit),
    byCaseNumber: new AssistanceUnitByCaseNumberQuery(dataSource, units, auLoader, personalData, audit),
    addMember: new AddMember(dataSource, records, units, personalData, matchKeys, outbox, audit),
    aidedStatus: new RecordAidedStatus(dataSource, records, units, auLoader, personalData, outbox, audit),
    grantChange: new RecordGrantChange(dataSource, records, units, auLoader, personalData, audit),
    enroll: new EnrollWtwParticipant(dataSource, records, participants, wtwLoader, audit),
    participant: new WtwParticipantQuery(dataSource, records, wtwLoader, audit),
    plan: new SignWtwPlan(dataSource, records, participants, wtwLoader, outbox, audit),
    exemption: new RequestExemption(dataSource, records, participants, deadlines, wtwLoader, audit),
    verify: new VerifyExemption(dataSource, records, participants, deadlines, wtwLoader, audit),
    service: new AddSupportiveService(dataSource, records, participants, wtwLoader, outbox, audit),
    familyStabilization: new ReferFamilyStabilization(dataSource, records, participants, wtwLoader, audit),
  };
  const stop = async () => {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  /** The outbox events of an AU (CalWORKs events are keyed by the AU), oldest first, by short type. */
  const events = async (auId: string, type?: string): Promise<[string, Record<string, unknown>][]> => {
    const rows = (await dataSource.query(`SELECT event_type, value FROM calworks.outbox WHERE partition_key = $1 ORDER BY seq`, [
      auId,
    ])) as { event_type: string; value: string }[];
    return rows
      .map(
        (r) =>
          [r.event_type.replace(/^gov\.ca\.linkages\.calworks\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)] as [
            string,
            Record<string, unknown>,
          ],
      )
      .filter(([t]) => type === undefined || t === type);
  };
  return { dataSource, units, participants, deadlines, events, ...useCases, stop };
}

/** The status and problem type of what a use case threw (an HttpException with a problem body). */
export async function problemOf(promise: Promise<unknown>): Promise<{ status: number; type: string; detail: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { getStatus?: () => number; getResponse?: () => { type?: string; message?: string } };
    if (!e.getStatus || !e.getResponse) throw error;
    const body = e.getResponse();
    return { status: e.getStatus(), type: (body.type ?? '').split('/').pop() ?? '', detail: body.message ?? '' };
  }
  throw new Error('expected a problem, but the use case succeeded');
}
