import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, Module, Post } from '@nestjs/common';
import { InjectDataSource, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { Requires } from '@linkages/platform-auth';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { IdempotentCreate, ValidBody } from '@linkages/platform-http';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { devToken, stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { platformApi } from './platform-api.spec-helper';
import { PlatformModule } from './platform.module';
import { platformMigrations } from './platform-migrations';
import type { ServiceDescriptor } from './service-descriptor';

// The HTTP boundary every service shares (createApiApp + PlatformModule.forApi), in a real Nest application over
// HTTP against the stack's PostgreSQL, in a throwaway schema: what the fuzzing of issue 17 sent (a NUL, year 0000,
// a body nested 5,000 deep, a form, unknown keys, errors before the pipeline) is a 4xx problem+json with the
// correlation id, and writes nothing, neither the probe's row nor an idempotency key nor an audit entry.
const schema = `it_boundary_${uniqueSuffix()}`;
const notes = `"${schema}".probe_notes`;

const noteBody = z.strictObject({
  familyName: z.string().min(1).max(200),
  openedOn: z.iso.date(),
  details: z.record(z.string(), z.string()).optional(),
});

@Controller('probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A creating POST as the services have them: permission, idempotency key, validated body, a row written. */
  @Post('notes')
  @Requires('referral.create')
  @IdempotentCreate()
  async create(@ValidBody(noteBody) body: z.output<typeof noteBody>): Promise<{ id: number }> {
    const [row] = (await this.dataSource.query(`INSERT INTO ${notes} (family_name, opened_on, details) VALUES ($1, $2, $3) RETURNING id`, [
      body.familyName,
      body.openedOn,
      JSON.stringify(body.details ?? {}),
    ])) as { id: number }[];
    return { id: row!.id };
  }
}

const descriptor: ServiceDescriptor = {
  name: 'referrals',
  title: 'Boundary probe',
  description: 'Test application',
  port: 39_002,
  workerHealthPort: 39_102,
  persistence: { schema, entities: [], migrations: [] },
  rules: new PolicyRegistry([]),
};

@Module({ imports: [PlatformModule.forApi(descriptor)], controllers: [ProbeController] })
class ProbeModule {}

describe('the shared HTTP boundary (issue 17): bad input is a 4xx problem+json, never a 500, and changes nothing', () => {
  const stack = stackEnv();
  let dataSource: DataSource;
  // Registered before platformApi's beforeAll: the schema is migrated when the application boots.
  beforeAll(
    () =>
      migrateUp(
        createDataSourceOptions(stack.DATABASE_URL, { schema, entities: [], migrations: platformMigrations(schema) }, 'it-boundary'),
      ),
    60_000,
  );
  const api = platformApi(ProbeModule, { RATE_LIMIT_PER_MINUTE: '1000' });
  const tokens = new Map<string, string>();
  const token = async (user: string) => tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user)!;

  /** A raw POST to the probe as the CWS worker, with a fresh Idempotency-Key (returned, to look for it after). */
  const post = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/probe/notes') => {
    const key = randomUUID();
    const res = await fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('cws-worker')}`, 'idempotency-key': key, ...headers },
      body,
    });
    return { res, key, text: await res.text() };
  };
  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await dataSource.query(`SELECT count(*) AS n FROM ${sql}`, params)) as { n: string }[])[0]!.n);
  const rows = () => count(notes);
  const keyStored = (key: string) => count(`"${schema}".idempotency_keys WHERE key = $1`, [key]);

  /** A refusal as every one must be: the status, problem+json, the correlation id, no stack trace. */
  const expectProblem = (res: Response, text: string, status: number, type: string) => {
    expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(text).not.toMatch(/at .*\.[jt]s:\d+|Error:/);
    const problem = JSON.parse(text) as { type: string; status: number; errors?: { field: string; message: string }[] };
    expect(problem).toMatchObject({ type: `https://linkages.example.org/problems/${type}`, status });
    return problem;
  };

  beforeAll(async () => {
    dataSource = api.app.get<DataSource>(getDataSourceToken());
    await dataSource.query(
      `CREATE TABLE ${notes} (id serial PRIMARY KEY, family_name text NOT NULL, opened_on date NOT NULL, details jsonb)`,
    );
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await api.close();
  });

  it('takes a valid body (as application/json or a +json type) and writes it: the probe works', async () => {
    const before = await rows();
    const ok = await post(JSON.stringify({ familyName: 'Roe', openedOn: '2024-03-01', details: { note: 'x' } }));
    expect(ok.res.status).toBe(201);
    expect(ok.res.headers.get('x-correlation-id')).toBeTruthy();
    const plusJson = await post(JSON.stringify({ familyName: 'Roe', openedOn: '2024-03-02' }), {
      'content-type': 'application/merge-patch+json; charset=utf-8',
    });
    expect(plusJson.res.status).toBe(201);
    expect(await rows()).toBe(before + 2);
  });

  it('refuses a NUL character in a body string or key and in a query parameter: 400 naming the field, not its value', async () => {
    const before = await rows();
    const inValue = await post(JSON.stringify({ familyName: 'Canary\u0000Roe', openedOn: '2024-03-01' }));
    expect(expectProblem(inValue.res, inValue.text, 400, 'validation').errors).toEqual([
      { field: 'body.familyName', message: expect.stringContaining('NUL') },
    ]);
    expect(inValue.text).not.toContain('Canary');
    expect(await keyStored(inValue.key)).toBe(0);

    const inNested = await post(JSON.stringify({ familyName: 'Roe', openedOn: '2024-03-01', details: { note: 'a\u0000b' } }));
    expect(expectProblem(inNested.res, inNested.text, 400, 'validation').errors).toEqual([
      { field: 'body.details.note', message: expect.stringContaining('NUL') },
    ]);
    const inKey = await post(JSON.stringify({ familyName: 'Roe', openedOn: '2024-03-01', details: { 'Canary\u0000': 'b' } }));
    expect(expectProblem(inKey.res, inKey.text, 400, 'validation').errors).toEqual([
      { field: 'body.details.*', message: expect.stringContaining('NUL') },
    ]);
    expect(inKey.text).not.toContain('Canary');
    expect(await rows()).toBe(before);

    // The audit filter of issue 17: PostgreSQL refuses the NUL in its query; the read is not audited either.
    const audited = () => count(`"${schema}".audit_log WHERE action = 'read'`);
    const auditedBefore = await audited();
    const query = await fetch(`${api.base}/audit/entries?recordId=%00`, { headers: { authorization: `Bearer ${await token('admin')}` } });
    const queryText = await query.text();
    expect(expectProblem(query, queryText, 400, 'validation').errors).toEqual([
      { field: 'query.recordId', message: expect.stringContaining('NUL') },
    ]);
    const inPath = await fetch(`${api.base}/audit/entries%00`, { headers: { authorization: `Bearer ${await token('admin')}` } });
    expect(expectProblem(inPath, await inPath.text(), 400, 'validation').errors).toEqual([
      { field: 'path', message: expect.stringContaining('NUL') },
    ]);
    expect(await audited()).toBe(auditedBefore);
  });

  it('refuses dates of the year 0000 or 0001 (or past 2200), in a body or the query: 400, nothing written', async () => {
    const before = await rows();
    for (const openedOn of ['0000-01-01', '0001-01-01', '1899-12-31', '2201-01-01']) {
      const res = await post(JSON.stringify({ familyName: 'Roe', openedOn }));
      expect(expectProblem(res.res, res.text, 400, 'validation').errors).toEqual([
        { field: 'body.openedOn', message: 'must be a date between the years 1900 and 2200' },
      ]);
      expect(await keyStored(res.key)).toBe(0);
    }
    const instant = await post(JSON.stringify({ familyName: 'Roe', openedOn: '2024-03-01', details: { at: '0001-01-01T00:00:00Z' } }));
    expect(expectProblem(instant.res, instant.text, 400, 'validation').errors).toEqual([
      { field: 'body.details.at', message: 'must be a date between the years 1900 and 2200' },
    ]);
    const query = await fetch(`${api.base}/audit/entries?recordId=0000-01-01`, {
      headers: { authorization: `Bearer ${await token('admin')}` },
    });
    expect(expectProblem(query, await query.text(), 400, 'validation').errors).toEqual([
      { field: 'query.recordId', message: 'must be a date between the years 1900 and 2200' },
    ]);
    expect(await rows()).toBe(before);
  });

  it('refuses a 10 KB body nested 5,000 deep before the idempotency key is hashed or stored: 400', async () => {
    const before = await rows();
    const deep = `{"familyName":"Roe","openedOn":"2024-03-01","details":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(deep.length).toBeGreaterThan(10_000);
    const res = await post(deep);
    expect(expectProblem(res.res, res.text, 400, 'validation').errors).toEqual([
      { field: 'body', message: 'is nested deeper than 32 levels' },
    ]);
    expect(await keyStored(res.key)).toBe(0);
    // 32 levels still pass the boundary (and are then refused by the schema as usual).
    const atLimit = await post(`{"familyName":"Roe","openedOn":"2024-03-01","details":{"a":${'['.repeat(30)}${']'.repeat(30)}}}`);
    expect(expectProblem(atLimit.res, atLimit.text, 400, 'validation').errors).toEqual([
      { field: 'body.details.a', message: expect.any(String) },
    ]);
    expect(await rows()).toBe(before);
  });

  it('answers 415 to a form, text or untyped body on a JSON route, before reading it; nothing written', async () => {
    const before = await rows();
    const form = await post(new URLSearchParams({ familyName: 'Roe', openedOn: '2024-03-01' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectProblem(form.res, form.text, 415, 'unsupported-media-type');
    const text = await post(JSON.stringify({ familyName: 'Roe', openedOn: '2024-03-01' }), { 'content-type': 'text/plain' });
    expectProblem(text.res, text.text, 415, 'unsupported-media-type');
    const multipart = await post('--x\r\nContent-Disposition: form-data; name="familyName"\r\n\r\nRoe\r\n--x--\r\n', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expectProblem(multipart.res, multipart.text, 415, 'unsupported-media-type');
    for (const key of [form.key, text.key, multipart.key]) expect(await keyStored(key)).toBe(0);
    expect(await rows()).toBe(before);
  });

  it('says how many unknown properties a body has, and never echoes a client-made key', async () => {
    const res = await post(
      JSON.stringify({
        familyName: 'Roe',
        openedOn: '2024-03-01',
        '<script>alert(1)</script>': 1,
        zzCanaryKeyName: 2,
        details: { '<b>x</b>': 3 },
      }),
    );
    const problem = expectProblem(res.res, res.text, 400, 'validation');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'body', message: 'has 2 unknown properties' },
        { field: 'body.details.*', message: expect.any(String) },
      ]),
    );
    expect(res.text).not.toMatch(/script|zzCanaryKeyName|<b>/);
    expect(await keyStored(res.key)).toBe(0);
  });

  it('puts the correlation id on early errors: body parser, unknown route, guard refusals (the caller’s own id if valid)', async () => {
    const malformed = await post('{"familyName": "Roe", oops', { 'content-type': 'application/json', 'x-correlation-id': 'it-boundary-1' });
    expectProblem(malformed.res, malformed.text, 400, 'malformed-json');
    expect(malformed.res.headers.get('x-correlation-id')).toBe('it-boundary-1');
    const tooLarge = await post(JSON.stringify({ familyName: 'x'.repeat(300_000), openedOn: '2024-03-01' }));
    expectProblem(tooLarge.res, tooLarge.text, 413, 'payload-too-large');
    const charset = await post('{}', { 'content-type': 'application/json; charset=latin1' });
    expectProblem(charset.res, charset.text, 415, 'unsupported-charset');

    const unknown = await fetch(`${api.base}/nowhere?name=Canary`, { headers: { 'x-correlation-id': 'it-boundary-2' } });
    const unknownText = await unknown.text();
    expectProblem(unknown, unknownText, 404, 'not-found');
    expect(unknown.headers.get('x-correlation-id')).toBe('it-boundary-2');
    expect(unknownText).not.toContain('Canary');

    const noToken = await fetch(`${api.base}/probe/notes`, { method: 'POST', headers: { 'x-correlation-id': 'bad id <x>' } });
    expectProblem(noToken, await noToken.text(), 401, 'unauthenticated');
    expect(noToken.headers.get('x-correlation-id')).not.toBe('bad id <x>');
    const forbidden = await fetch(`${api.base}/audit/entries`, { headers: { authorization: `Bearer ${await token('cws-worker')}` } });
    expectProblem(forbidden, await forbidden.text(), 403, 'forbidden');
  });
});
