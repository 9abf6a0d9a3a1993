import { createServer, type Server } from 'node:http';
import type { ReadinessReport } from '@linkages/platform-config';

export interface WorkerHealthOptions {
  service: string;
  host: string;
  port: number;
  /** The worker's readiness report (its dependencies and the worker's own state). */
  ready: () => Promise<ReadinessReport>;
  /** Prometheus text exposition of the worker's metrics. */
  metrics: () => Promise<string>;
}

const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({ type: 'about:blank', title, status, ...extra });

/**
 * The worker process has no HTTP API: this small server answers `/health` (liveness), `/health/ready` (readiness,
 * 503 problem+json when a dependency is down) and `/metrics` for orchestrators, `npm start` and Prometheus.
 */
export async function startWorkerHealthServer({ service, host, port, ready, metrics }: WorkerHealthOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    const failed = () => send(500, problem(500, 'Internal Server Error'), 'application/problem+json');
    if (req.method !== 'GET') return send(405, problem(405, 'Method Not Allowed'), 'application/problem+json');
    if (path === '/health') return send(200, { status: 'ok', service, process: 'worker', uptimeSeconds: Math.round(process.uptime()) });
    if (path === '/metrics') {
      metrics().then((text) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(text);
      }, failed);
      return undefined;
    }
    if (path === '/health/ready') {
      ready().then(
        (report) =>
          report.status === 'ready'
            ? send(200, report)
            : send(503, problem(503, 'Not Ready', { checks: report.checks }), 'application/problem+json'),
        failed,
      );
      return undefined;
    }
    return send(404, problem(404, 'Not Found'), 'application/problem+json');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
