import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, Inject, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { Requires } from '@linkages/platform-auth';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { IdempotentCreate, ValidBody } from '@linkages/platform-http';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { TEMPORAL, type TemporalClientHandle } from '@linkages/platform-temporal';
import {
  devToken,
  hostPortOf,
  stackEnv,
  startOutageProxy,
  platformTemporalClient,
  uniqueSuffix,
  waitFor,
  type OutageProxy,
} from '@linkages/platform-testing';
import { platformApi } from './platform-api.spec-helper';
import { PlatformModule } from './platform.module';
import { platformMigrations } from './platform-migrations';
import type { ServiceDescriptor } from './service-descriptor';

// Issue 17: while PostgreSQL or Temporal is gone a service says so (readiness 503 naming it), refuses writes with a
// 503 problem+json that names the dependency and writes nothing, and is itself again when the server returns, with
// no restart. A real Nest application over HTTP, whose connections to the stack's PostgreSQL and Temporal go through
// a TCP proxy the test cuts (every connection reset, the port closed) and restores; the servers keep running.
const schema = `it_outage_${uniqueSuffix()}`;
const notes = `"${schema}".probe_notes`;
const taskQueue = `it-outage-${uniqueSuffix()}`;
const noteBody = z.strictObject({ familyName: z.string().min(1).max(200) });

@Controller('probe')
class ProbeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
  ) {}

  /** A write as the services make them: a row and its audit entry in one transaction. */
  @Post('notes')
  @Requires('referral.create')
  @IdempotentCreate()
  async note(@ValidBody(noteBody) body: z.output<typeof noteBody>): Promise<{ id: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(`INSERT INTO ${notes} (family_name, kind) VALUES ($1, 'note') RETURNING id`, [body.familyName])) as {
        id: number;
      }[];
      await this.audit.append(
        {
          actorSubject: 'probe',
          actorRoles: [],
          action: 'create',
          recordType: 'probe-note',
          recordId: String(row!.id),
          outcome: 'allowed',
        },
        tx,
      );
      return { id: row!.id };
    });
  }

  /** A write that starts a durable process inside its transaction (as a recorded authority does): both or neither. */
  @Post('timers')
  @Requires('referral.create')
  @IdempotentCreate()
  async timer(@ValidBody(noteBody) body: z.output<typeof noteBody>): Promise<{ id: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(`INSERT INTO ${notes} (family_name, kind) VALUES ($1, 'timer') RETURNING id`, [body.familyName])) as {
        id: number;
      }[];
      await this.temporal.client.workflow.start('diagnosticTimerWorkflow', {
        taskQueue,
        workflowId: `platform/diagnostic-timer/${schema}-${row!.id}`,
        args: [{ duration: '1 day' }],
      });
      return { id: row!.id };
    });
  }
}

const descriptor: ServiceDescriptor = {
  name: 'referrals',
  title: 'Outage probe',
  description: 'Test application',
  port: 39_003,
  workerHealthPort: 39_103,
  persistence: { schema, entities: [], migrations: [] },
  rules: new PolicyRegistry([]),
};

@Module({ imports: [PlatformModule.forApi(descriptor)], controllers: [ProbeController] })
class ProbeModule {}

describe('a service while PostgreSQL or Temporal is down (issue 17): 503 naming it, nothing written, recovery without restart', () => {
  const stack = stackEnv();
  let postgres: OutageProxy;
  let temporal: OutageProxy;
  let direct: pg.Client;
  let token: string;

  // Registered before platformApi's beforeAll: the proxies exist when the application boots through them.
  beforeAll(async () => {
    await migrateUp(
      createDataSourceOptions(stack.DATABASE_URL, { schema, entities: [], migrations: platformMigrations(schema) }, 'it-outage'),
    );
    direct = new pg.Client({ connectionString: stack.DATABASE_URL });
    await direct.connect();
    await direct.query(`CREATE TABLE ${notes} (id serial PRIMARY KEY, family_name text NOT NULL, kind text NOT NULL)`);
    postgres = await startOutageProxy(hostPortOf(stack.DATABASE_URL));
    temporal = await startOutageProxy(hostPortOf(stack.TEMPORAL_ADDRESS));
    token = await devToken('cws-worker');
  }, 60_000);
  const api = platformApi(ProbeModule, () => ({
    DATABASE_URL: postgres.through(stack.DATABASE_URL),
    TEMPORAL_ADDRESS: temporal.through(stack.TEMPORAL_ADDRESS),
    RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'error',
  }));

  const post = async (path: 'notes' | 'timers', familyName = 'Roe') => {
    const res = await fetch(`${api.base}/probe/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ familyName }),
    });
    return { res, body: (await res.json()) as Record<string, unknown> };
  };
  const ready = async () => {
    const res = await fetch(`${api.base}/health/ready`);
    return { status: res.status, body: (await res.json()) as { checks: Record<string, { status: string; error?: string }> } };
  };
  /** Rows and audit entries, read past the proxy. */
  const written = async () => {
    const { rows } = await direct.query<{ notes: string; audited: string }>(
      `SELECT (SELECT count(*) FROM ${notes}) AS notes, (SELECT count(*) FROM "${schema}".audit_log WHERE record_type = 'probe-note') AS audited`,
    );
    return { notes: Number(rows[0]!.notes), audited: Number(rows[0]!.audited) };
  };
  const expectUnavailable = (res: Response, body: Record<string, unknown>, dependency: string) => {
    expect({ status: res.status, body }).toEqual({
      status: 503,
      body: expect.objectContaining({
        type: 'https://linkages.example.org/problems/dependency-unavailable',
        status: 503,
        dependency,
        detail: expect.stringContaining('nothing was written'),
      }),
    });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
    expect(JSON.stringify(body)).not.toMatch(/ECONN|at .*\.[jt]s:\d+|127\.0\.0\.1/);
  };

  afterAll(async () => {
    await api.close();
    await postgres?.close();
    await temporal?.close();
    const temporalClient = await platformTemporalClient().catch(() => undefined);
    if (temporalClient) {
      const { client, connection } = temporalClient;
      const { rows } = await direct.query<{ id: number }>(`SELECT id FROM ${notes} WHERE kind = 'timer'`);
      for (const { id } of rows) {
        await client.workflow
          .getHandle(`platform/diagnostic-timer/${schema}-${id}`)
          .terminate('test over')
          .catch(() => undefined);
      }
      await connection.close();
    }
    await direct?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await direct?.end();
  });

  it('is ready and writes while everything is up (the probe works)', async () => {
    expect((await ready()).status).toBe(200);
    expect((await post('notes')).res.status).toBe(201);
    expect((await post('timers')).res.status).toBe(201);
    expect(await written()).toEqual({ notes: 2, audited: 1 });
  });

  it('PostgreSQL gone: readiness 503 names the database, a write is 503 dependency-unavailable and leaves nothing; back without restart', async () => {
    const before = await written();
    await postgres.cut();

    const probe = await ready();
    expect(probe.status).toBe(503);
    expect(probe.body.checks['database']).toMatchObject({ status: 'down', error: expect.any(String) });
    expect(probe.body.checks['temporal']).toMatchObject({ status: 'up' });
    for (const path of ['notes', 'timers'] as const) {
      const { res, body } = await post(path);
      expectUnavailable(res, body, 'postgresql');
    }
    expect(await written()).toEqual(before);

    await postgres.restore();
    await waitFor(async () => (await ready()).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: 'readiness after PostgreSQL is back',
    });
    expect((await post('notes')).res.status).toBe(201);
    expect(await written()).toEqual({ notes: before.notes + 1, audited: before.audited + 1 });
  }, 60_000);

  it('Temporal gone: readiness 503 names temporal, a write that starts a process is 503 and rolls back its row; back without restart', async () => {
    const before = await written();
    await temporal.cut();

    const probe = await ready();
    expect(probe.status).toBe(503);
    expect(probe.body.checks['temporal']).toMatchObject({ status: 'down' });
    expect(probe.body.checks['database']).toMatchObject({ status: 'up' });
    const { res, body } = await post('timers');
    expectUnavailable(res, body, 'temporal');
    expect(await written()).toEqual(before);
    // A write that needs only PostgreSQL goes on.
    expect((await post('notes')).res.status).toBe(201);

    await temporal.restore();
    await waitFor(async () => (await ready()).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: 'readiness after Temporal is back',
    });
    expect((await post('timers')).res.status).toBe(201);
    expect(await written()).toEqual({ notes: before.notes + 2, audited: before.audited + 1 });
  }, 90_000);
});
