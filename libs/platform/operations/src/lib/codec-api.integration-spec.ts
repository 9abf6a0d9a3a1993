import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { Payload } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier } from '@linkages/platform-auth';
import { SERVICE_CONFIG } from '@linkages/platform-config';
import { ProblemDetailsFilter } from '@linkages/platform-http';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { EncryptionCodec, parseEncryptionKeys } from '@linkages/platform-temporal';
import {
  devToken,
  stackEnv,
  stackTokenVerifierOptions,
  testPlatformExports,
  testPlatformProviders,
  uniqueSuffix,
} from '@linkages/platform-testing';
import { CodecController } from './codec.controller';

// The codec server over HTTP (guards, problem+json) with the stack's Temporal encryption keys, auditing into a
// throwaway schema on the real PostgreSQL: a payload it cannot decode (another key, altered, truncated) is a 422
// problem that names the payload and why, without key material or stack, and the failed decode is audited like a
// successful one.
describe('codec server: payloads it cannot decode (HTTP, real PostgreSQL)', () => {
  const stack = stackEnv();
  const schema = `it_codec_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stack.DATABASE_URL,
    { schema, entities: [], migrations: [createAuditMigration(schema)] },
    'it-codec-api',
  );
  const ours = new EncryptionCodec(parseEncryptionKeys(stack.TEMPORAL_ENCRYPTION_KEYS));
  const foreignKey = `elsewhere-1:${randomBytes(32).toString('base64')}`;
  const foreign = new EncryptionCodec(parseEncryptionKeys(foreignKey));
  const plain: Payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"ssn":"123-45-6789"}') };
  const json = (p: Payload) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  });
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  const tokens = new Map<string, string>();
  const decode = async (payloads: Payload[], user = 'ops') => {
    const token = tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user);
    const res = await fetch(`${base}/codec/decode`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-namespace': 'it-codec' },
      body: JSON.stringify({ payloads: payloads.map(json) }),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: JSON.parse(text) as Record<string, unknown> };
  };
  const audits = () =>
    ds.query(
      `SELECT actor_subject, action, record_type, record_id, outcome, reason, details FROM "${schema}".audit_log ORDER BY seq`,
    ) as Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    await migrateUp(options);
    @Global()
    @Module({
      imports: [TypeOrmModule.forRoot(options)],
      providers: [
        ...testPlatformProviders({ identity: { name: 'it-codec', schema }, log: { process: 'test', level: 'error' }, env: stack }),
        { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (d: DataSource) => new AuditLog(d, schema) },
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(stackTokenVerifierOptions(stack)) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: SERVICE_CONFIG, useValue: { TEMPORAL_ENCRYPTION_KEYS: stack.TEMPORAL_ENCRYPTION_KEYS } },
      ],
      exports: [...testPlatformExports, AUDIT_LOG, TOKEN_VERIFIER, SERVICE_CONFIG],
    })
    class TestPlatformModule {}
    @Module({ imports: [TestPlatformModule], controllers: [CodecController] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: ['error'], abortOnError: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get<DataSource>(getDataSourceToken());
  }, 60_000);

  afterAll(async () => {
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await app?.close();
  });

  it('decodes its own payloads for the ops role, audited as allowed', async () => {
    const res = await decode(await ours.encode([plain, plain]));
    expect(res.status).toBe(200);
    expect((res.body['payloads'] as { data: string }[]).map((p) => Buffer.from(p.data, 'base64').toString())).toEqual([
      '{"ssn":"123-45-6789"}',
      '{"ssn":"123-45-6789"}',
    ]);
    expect((await audits()).at(-1)).toMatchObject({
      actor_subject: 'demo:ops',
      action: 'decode',
      record_type: 'temporal-payloads',
      record_id: 'it-codec',
      outcome: 'allowed',
      details: { payloads: 2 },
    });
  });

  it.each([
    ['encrypted with a key it does not hold', async () => [plain, ...(await foreign.encode([plain]))], 1, 'unknown-key'],
    [
      'altered',
      async () => {
        const [p] = await ours.encode([plain]);
        return [{ ...p!, data: Buffer.from(p!.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) }];
      },
      0,
      'not-authentic',
    ],
    [
      'truncated',
      async () => {
        const [a, b] = await ours.encode([plain, plain]);
        return [a!, { ...b!, data: Buffer.from(b!.data!).subarray(0, 8) }];
      },
      1,
      'not-authentic',
    ],
  ])(
    'answers a payload %s with a 422 problem (no key material, no stack) and audits the failed decode',
    async (_, payloads, index, failure) => {
      const before = (await audits()).length;
      const res = await decode(await payloads());
      expect(res.status).toBe(422);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        type: expect.stringContaining('payload-undecodable'),
        title: 'Payload cannot be decoded',
        status: 422,
        detail: expect.stringContaining(`Payload ${index} cannot be decoded`),
        payloadIndex: index,
        failure,
      });
      expect(res.body).not.toHaveProperty('payloads');
      for (const secret of [...stack.TEMPORAL_ENCRYPTION_KEYS.split(','), foreignKey].map((k) => k.split(':')[1]!))
        expect(res.text).not.toContain(secret);
      expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|stack|123-45-6789|elsewhere-1/);
      const rows = await audits();
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({
        actor_subject: 'demo:ops',
        action: 'decode',
        record_type: 'temporal-payloads',
        record_id: 'it-codec',
        outcome: 'failed',
        reason: `payload-undecodable: ${failure}`,
        details: { payloads: (await payloads()).length, payloadIndex: index, failure, keyId: expect.any(String) },
      });
      expect(JSON.stringify(rows.at(-1))).not.toContain('123-45-6789');
    },
  );

  it('refuses anyone without the decode permission before decoding (403), as before', async () => {
    expect((await decode(await foreign.encode([plain]), 'cws-worker')).status).toBe(403);
  });
});
