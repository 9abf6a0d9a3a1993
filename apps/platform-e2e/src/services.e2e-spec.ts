import { devToken, platformTemporalClient, uniqueSuffix, waitForHttp } from '@linkages/platform-testing';
import { servicePorts, startPlatform, type RunningPlatform } from './platform.spec-helper';

// `npm start` itself, every service port shifted by 10000.
describe('npm start: the four services against the real stack', () => {
  const offset = 10_000;
  const services = servicePorts(offset);
  let platform: RunningPlatform;
  const output = () => platform.output();

  beforeAll(async () => {
    platform = await startPlatform(offset);
  }, 180_000);

  afterAll(async () => {
    await platform?.stop('SIGINT');
  });

  it('prints the URL of every API doc page and of the Temporal UI', () => {
    for (const s of services) expect(output()).toContain(`http://127.0.0.1:${s.port}/docs`);
    expect(output()).toContain('Temporal UI    http://127.0.0.1:8233');
  });

  it.each(services)('$name: API and worker are ready (database, Kafka, Temporal, worker)', async (s) => {
    const api = await (await waitForHttp(`http://127.0.0.1:${s.port}/health/ready`)).json();
    expect(api).toMatchObject({
      status: 'ready',
      service: s.name,
      checks: { database: { status: 'up' }, kafka: { status: 'up' }, temporal: { status: 'up' } },
    });
    const worker = await (await waitForHttp(`http://127.0.0.1:${s.healthPort}/health/ready`)).json();
    expect(worker).toMatchObject({
      status: 'ready',
      checks: { worker: { status: 'up', details: { state: 'RUNNING', taskQueue: s.name } } },
    });
  });

  it.each(services)('$name: serves its OpenAPI document at /docs', async (s) => {
    const html = await fetch(`http://127.0.0.1:${s.port}/docs`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const doc = (await (await fetch(`http://127.0.0.1:${s.port}/docs/openapi.json`)).json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain(s.title);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
  });

  it.each(services)('$name: exposes outbox and consumer metrics for Prometheus (API and worker)', async (s) => {
    for (const url of [`http://127.0.0.1:${s.port}/metrics`, `http://127.0.0.1:${s.healthPort}/metrics`]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(`linkages_outbox_backlog{schema="${s.name.replace('-', '_')}"} 0`);
      expect(text).toContain('linkages_outbox_relay_lag_seconds');
      expect(text).toContain('linkages_dead_letters_total');
    }
  });

  it('answers unknown routes with problem+json and no internals', async () => {
    const res = await fetch(`http://127.0.0.1:${services[1]!.port}/no-such-route?x=1`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, title: 'Not Found', instance: '/no-such-route' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it.each(services)('$name: its worker runs a workflow with a durable timer on the dev server', async (s) => {
    const { connection, client } = await platformTemporalClient();
    try {
      const result = await client.workflow.execute('diagnosticTimerWorkflow', {
        taskQueue: s.name,
        workflowId: `platform/diagnostic-timer/e2e-${s.name}-${uniqueSuffix()}`,
        args: [{ duration: '1 second' }],
        workflowExecutionTimeout: '1 minute',
      });
      expect((result as { sleptMs: number }).sleptMs).toBeGreaterThanOrEqual(1000);
    } finally {
      await connection.close();
    }
  });

  it('the codec server round-trips payloads for the ops role, refuses anyone else, and allows the Temporal UI origin', async () => {
    const url = `http://127.0.0.1:${services[0]!.port}/codec`;
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"note":"Canary Jane"}').toString('base64'),
    };
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${url}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const token = await devToken('ops');
    const encoded = (await (await post('encode', { payloads: [plain] }, token)).json()) as {
      payloads: { metadata: Record<string, string>; data: string }[];
    };
    expect(Buffer.from(encoded.payloads[0]!.metadata['encoding']!, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.payloads[0]!.data, 'base64').toString()).not.toContain('Canary');
    const decoded = (await (await post('decode', encoded, token)).json()) as { payloads: unknown[] };
    expect(decoded.payloads).toEqual([plain]);
    const refused = await post('decode', encoded, 'not-the-token-not-the-token');
    expect(refused.status).toBe(401);
    expect((await post('decode', encoded, await devToken('cws-supervisor'))).status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await post('decode', encoded)).status).toBe(401);
    const preflight = (origin: string) =>
      fetch(`${url}/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    expect((await preflight('http://127.0.0.1:8233')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('Ctrl-C stops every API and worker cleanly', async () => {
    const code = await platform.stop('SIGINT');
    expect({ code, output: code === 0 ? '' : output().slice(-3000) }).toEqual({ code: 0, output: '' });
    expect(output()).toContain('All services stopped cleanly.');
  }, 60_000);
});
