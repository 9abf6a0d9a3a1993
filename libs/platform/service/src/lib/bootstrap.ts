import { createServer, type Server } from 'node:http';
import type { INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigValidationError, redactConfig, secretConfigKeys, type ServiceConfig } from '@linkages/platform-config';
import { LOGGER, NestPinoLogger, createLogger, type Logger } from '@linkages/platform-logging';
import { MessagingHost, MessagingMetrics } from '@linkages/platform-messaging';
import { ReadinessService } from './readiness';
import { loadServiceConfig, type ServiceDescriptor } from './service-descriptor';

/**
 * On SIGTERM/SIGINT: stop taking work, let Nest close every module (the worker drains, clients disconnect), then
 * exit 0; exit 1 if closing fails. A second signal exits at once.
 */
function closeGracefullyOnSignal(app: INestApplicationContext, logger: Logger, service: string, beforeClose?: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, `${service} shutting down`);
    (beforeClose ?? (() => Promise.resolve()))()
      .then(() => app.close())
      .then(
        () => {
          logger.info(`${service} stopped`);
          logger.flush();
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, `${service} did not shut down cleanly`);
          logger.flush();
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Fails fast, before Nest starts, with every configuration problem named. */
function configOrExit(descriptor: ServiceDescriptor, kind: 'api' | 'worker'): ServiceConfig {
  try {
    return loadServiceConfig(descriptor);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      createLogger({ service: descriptor.name, process: kind }).fatal({ problems: error.problems }, error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

export function buildOpenApiDocument(app: INestApplication, descriptor: ServiceDescriptor) {
  const config = new DocumentBuilder()
    .setTitle(`Linkages ${descriptor.title} API`)
    .setDescription(descriptor.description)
    .setVersion(descriptor.version ?? '0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Starts a service's HTTP API: JSON logs, problem+json errors, OpenAPI at /docs (JSON at /docs/openapi.json). */
export async function bootstrapApi(apiModule: Type<unknown>, descriptor: ServiceDescriptor): Promise<INestApplication> {
  const config = configOrExit(descriptor, 'api');
  const app = await NestFactory.create<NestExpressApplication>(apiModule, { bufferLogs: true });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  closeGracefullyOnSignal(app, logger, descriptor.name);
  app.useBodyParser('json', { limit: '256kb' });
  // The Temporal Web UI calls the codec server from the browser.
  app.enableCors({
    origin: [config.TEMPORAL_UI_ORIGIN],
    credentials: true,
    allowedHeaders: ['authorization', 'content-type', 'x-namespace'],
    methods: ['GET', 'POST'],
  });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, descriptor), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  await app.listen(config.PORT, config.HOST);
  logger.info(
    {
      url: `http://${config.HOST}:${config.PORT}`,
      docs: `http://${config.HOST}:${config.PORT}/docs`,
      config: redactConfig(config, secretConfigKeys),
    },
    `${descriptor.name} API listening`,
  );
  return app;
}

export interface WorkerProcess {
  app: INestApplicationContext;
  healthServer: Server;
}

/**
 * Starts a service's Temporal worker process: a Nest application context (no HTTP API) plus a small health
 * endpoint (/health, /health/ready) on WORKER_HEALTH_PORT for supervisors and `npm start`.
 */
export async function bootstrapWorker(workerModule: Type<unknown>, descriptor: ServiceDescriptor): Promise<WorkerProcess> {
  const config = configOrExit(descriptor, 'worker');
  const app = await NestFactory.createApplicationContext(workerModule, { bufferLogs: true });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  await app.init();
  const readiness = app.get(ReadinessService);
  const healthServer = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET')
      return send(405, { type: 'about:blank', title: 'Method Not Allowed', status: 405 }, 'application/problem+json');
    if (path === '/health')
      return send(200, { status: 'ok', service: descriptor.name, process: 'worker', uptimeSeconds: Math.round(process.uptime()) });
    if (path === '/metrics') {
      const host = app.get(MessagingHost);
      const metrics = app.get(MessagingMetrics);
      host
        .refreshGauges()
        .catch(() => undefined)
        .then(() => metrics.registry.metrics())
        .then(
          (text) => {
            res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
            res.end(text);
          },
          () => send(500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }, 'application/problem+json'),
        );
      return undefined;
    }
    if (path === '/health/ready') {
      readiness.report(descriptor.name).then(
        (report) =>
          report.status === 'ready'
            ? send(200, report)
            : send(503, { type: 'about:blank', title: 'Not Ready', status: 503, checks: report.checks }, 'application/problem+json'),
        () => send(500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }, 'application/problem+json'),
      );
      return undefined;
    }
    return send(404, { type: 'about:blank', title: 'Not Found', status: 404 }, 'application/problem+json');
  });
  await new Promise<void>((resolve) => healthServer.listen(config.WORKER_HEALTH_PORT, config.HOST, resolve));
  closeGracefullyOnSignal(app, logger, descriptor.name, () => new Promise<void>((resolve) => healthServer.close(() => resolve())));
  logger.info(
    { health: `http://${config.HOST}:${config.WORKER_HEALTH_PORT}/health/ready`, config: redactConfig(config, secretConfigKeys) },
    `${descriptor.name} worker started`,
  );
  return { app, healthServer };
}
