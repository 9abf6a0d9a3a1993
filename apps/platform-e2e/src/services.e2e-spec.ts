import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { repoRoot } from '@linkages/platform-config';
import { spawnService, stackEnv, uniqueSuffix, waitForHttp, type ServiceProcess } from '@linkages/platform-testing';

// The four services, as `npm start` runs them: built processes (API + worker each) against the real stack.
// Ports are offset from the defaults so a running `npm start` does not collide with the test.
const services = [
  { name: 'referrals', title: 'Referrals', port: 13001, healthPort: 13101 },
  { name: 'calworks', title: 'CalWORKs', port: 13002, healthPort: 13102 },
  { name: 'child-welfare', title: 'Child Welfare Services', port: 13003, healthPort: 13103 },
  { name: 'notifications', title: 'Notifications', port: 13004, healthPort: 13104 },
];

describe('the four services against the real stack', () => {
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [join(repoRoot(), 'tools', 'migrate.mjs'), 'all', 'up'], { stdio: 'pipe' });
    for (const s of services) {
      const env = { PORT: String(s.port), WORKER_HEALTH_PORT: String(s.healthPort), LOG_LEVEL: 'warn' };
      processes.push(spawnService(s.name, 'api', env), spawnService(s.name, 'worker', env));
    }
    await Promise.all(services.flatMap((s) => [waitForHttp(`http://127.0.0.1:${s.port}/health`), waitForHttp(`http://127.0.0.1:${s.healthPort}/health`)]));
  }, 120_000);

  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });

  it.each(services)('$name: API and worker are ready (database, Kafka, Temporal, worker)', async (s) => {
    const api = await (await waitForHttp(`http://127.0.0.1:${s.port}/health/ready`)).json();
    expect(api).toMatchObject({ status: 'ready', service: s.name, checks: { database: { status: 'up' }, kafka: { status: 'up' }, temporal: { status: 'up' } } });
    const worker = await (await waitForHttp(`http://127.0.0.1:${s.healthPort}/health/ready`)).json();
    expect(worker).toMatchObject({ status: 'ready', checks: { worker: { status: 'up', details: { state: 'RUNNING', taskQueue: s.name } } } });
  });

  it.each(services)('$name: serves its OpenAPI document at /docs', async (s) => {
    const html = await fetch(`http://127.0.0.1:${s.port}/docs`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const doc = (await (await fetch(`http://127.0.0.1:${s.port}/docs/openapi.json`)).json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain(s.title);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
  });

  it('answers unknown routes with problem+json and no internals', async () => {
    const res = await fetch('http://127.0.0.1:13002/no-such-route?x=1');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, title: 'Not Found', instance: '/no-such-route' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it.each(services)('$name: its worker runs a workflow with a durable timer on the dev server', async (s) => {
    const connection = await Connection.connect({ address: stackEnv().TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, namespace: stackEnv().TEMPORAL_NAMESPACE });
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

  it('every process shuts down gracefully on SIGTERM', async () => {
    for (const p of processes) p.child.kill('SIGTERM');
    const codes = await Promise.all(processes.map((p) => p.exited));
    expect(codes).toEqual(processes.map(() => 0));
  }, 60_000);
});
