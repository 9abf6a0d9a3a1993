import type { IncomingMessage, Server } from 'node:http';
import type { INestApplication, INestApplicationContext, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigValidationError, redactConfig, secretConfigKeys, type ServiceConfig } from '@linkages/platform-config';
import { correlationIdMiddleware, isJsonMediaType, jsonBodiesOnly, requestBoundaryCheck } from '@linkages/platform-http';
import { LOGGER, NestPinoLogger, createLogger, type Logger } from '@linkages/platform-logging';
import { MessagingHost, MessagingMetrics } from '@linkages/platform-messaging';
import { startWorkerHealthServer } from '@linkages/platform-operations';
import { corsOptionsFor } from './cors';
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

/**
 * A service's API application with the HTTP boundary every service shares, in the order a request meets it: the
 * correlation id (so every answer carries it, the early errors below included), CORS, a body must be JSON (415),
 * the JSON parser (256 KB; Nest's form parser is off), then no NUL, no nesting deeper than 32, no implausible year
 * in the path, query or body (400). All of it runs before routing, so before any guard, interceptor (idempotency
 * hashes the body) or pipe; every refusal is a problem+json answered by ProblemDetailsFilter. Not listening yet.
 */
export async function createApiApp(
  apiModule: Type<unknown>,
  config: Pick<ServiceConfig, 'CONSOLE_ORIGIN' | 'TEMPORAL_UI_ORIGIN'>,
  options: Omit<NestApplicationOptions, 'bodyParser'> = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(apiModule, { ...options, bodyParser: false });
  app.use(correlationIdMiddleware);
  // The console calls every API from the browser; the Temporal Web UI only the codec server.
  app.enableCors(corsOptionsFor(config));
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: '256kb', type: (req: IncomingMessage) => isJsonMediaType(req.headers['content-type']) });
  app.use(requestBoundaryCheck);
  return app;
}

/** Starts a service's HTTP API: JSON logs, problem+json errors, OpenAPI at /docs (JSON at /docs/openapi.json). */
export async function bootstrapApi(apiModule: Type<unknown>, descriptor: ServiceDescriptor): Promise<INestApplication> {
  const config = configOrExit(descriptor, 'api');
  const app = await createApiApp(apiModule, config, { bufferLogs: true });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  closeGracefullyOnSignal(app, logger, descriptor.name);
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
  const host = app.get(MessagingHost);
  const metrics = app.get(MessagingMetrics);
  const healthServer = await startWorkerHealthServer({
    service: descriptor.name,
    host: config.HOST,
    port: config.WORKER_HEALTH_PORT,
    ready: () => readiness.report(descriptor.name),
    metrics: () =>
      host
        .refreshGauges()
        .catch(() => undefined)
        .then(() => metrics.registry.metrics()),
  });
  closeGracefullyOnSignal(app, logger, descriptor.name, () => new Promise<void>((resolve) => healthServer.close(() => resolve())));
  logger.info(
    { health: `http://${config.HOST}:${config.WORKER_HEALTH_PORT}/health/ready`, config: redactConfig(config, secretConfigKeys) },
    `${descriptor.name} worker started`,
  );
  return { app, healthServer };
}
