import { Controller, Get, HttpCode, HttpStatus, Inject, Module, type DynamicModule, type OnModuleDestroy, type Provider, ServiceUnavailableException } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AUDIT_LOG, AuthGuard, PublicRoute, ROUTE_POLICY, TOKEN_VERIFIER, createTokenVerifier, type AuthenticatedRequest, type RoutePolicy } from '@linkages/platform-auth';
import { AuditLog } from '@linkages/platform-audit';
import { BlindIndex, FieldCipher, parseKeyring } from '@linkages/platform-crypto';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { ServiceConfig } from '@linkages/platform-config';
import { createLogger, type Logger } from '@linkages/platform-logging';
import { MessagingMetrics, OutboxWriter, createKafkaClient, describeKafka } from '@linkages/platform-messaging';
import { createDataSourceOptions } from '@linkages/platform-persistence';
import { TemporalWorkerHost, createTemporalClient, platformDataConverter, describeTemporal, workflowBundlePath, type TemporalClientHandle } from '@linkages/platform-temporal';
import { CodecController } from './codec.controller';
import { AuditController } from './audit.controller';
import { DeadlineClient } from './deadline-client';
import { DeadlineCommandRelay, DeadlineCommands } from './deadline-commands';
import { MessagingHost, MetricsController, messagingMetricsProvider, outboxWriterProvider } from './messaging-host';
import { createDeadlineActivities } from '@linkages/platform-activities';
import { ProblemDetailsFilter } from './problem-details.filter';
import { BLIND_INDEX, FIELD_CIPHER, KAFKA, LOGGER, TEMPORAL } from './tokens';
import { IdempotencyInterceptor } from './idempotency';
import { PersonalData } from './personal-data';
import { READINESS_CHECKS, ReadinessService, type ReadinessCheck, type ReadinessReport } from './readiness';
import { SERVICE_CONFIG, SERVICE_DESCRIPTOR, loadServiceConfig, taskQueueOf, type ServiceDescriptor } from './service-descriptor';

export { KAFKA, LOGGER, TEMPORAL };

export type ProcessKind = 'api' | 'worker';

/** Closes the lazily connected Temporal client with the application. */
class TemporalClientLifecycle implements OnModuleDestroy {
  constructor(@Inject(TEMPORAL) private readonly temporal: TemporalClientHandle) {}
  async onModuleDestroy(): Promise<void> {
    await this.temporal.connection.close();
  }
}

@ApiTags('health')
@PublicRoute('Liveness and readiness probes for the orchestrator; no personal data')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(SERVICE_DESCRIPTOR) private readonly service: ServiceDescriptor,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ description: 'Alive' })
  live(): { status: 'ok'; service: string; uptimeSeconds: number } {
    return { status: 'ok', service: this.service.name, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Readiness: PostgreSQL (schema migrated), Kafka and Temporal answer' })
  @ApiOkResponse({ description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down (problem+json with each check)' })
  async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.report(this.service.name);
    if (report.status !== 'ready') {
      throw new ServiceUnavailableException({ title: 'Not Ready', message: 'One or more dependencies are down', checks: report.checks });
    }
    return report;
  }
}

function baseProviders(descriptor: ServiceDescriptor, kind: ProcessKind): Provider[] {
  return [
    { provide: SERVICE_DESCRIPTOR, useValue: descriptor },
    { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(descriptor) },
    {
      provide: LOGGER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => createLogger({ service: descriptor.name, process: kind, level: config.LOG_LEVEL }),
    },
    {
      provide: KAFKA,
      inject: [SERVICE_CONFIG, LOGGER],
      useFactory: (config: ServiceConfig, logger: Logger) => createKafkaClient({ clientId: `linkages-${descriptor.name}-${kind}`, brokers: config.KAFKA_BROKERS, logger }),
    },
    {
      provide: TEMPORAL,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => createTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, dataConverter: platformDataConverter(config.TEMPORAL_ENCRYPTION_KEYS) }),
    },
    { provide: FIELD_CIPHER, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new FieldCipher(parseKeyring(config.FIELD_ENCRYPTION_KEYS, 'FIELD_ENCRYPTION_KEYS')) },
    { provide: BLIND_INDEX, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => BlindIndex.fromBase64(config.BLIND_INDEX_KEY) },
    { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new AuditLog(dataSource, descriptor.persistence.schema) },
    PersonalData,
    TemporalClientLifecycle,
    ReadinessService,
    outboxWriterProvider,
    messagingMetricsProvider,
    MessagingHost,
    DeadlineClient,
    DeadlineCommands,
  ];
}

function persistenceImport(descriptor: ServiceDescriptor, kind: ProcessKind) {
  return TypeOrmModule.forRootAsync({
    inject: [SERVICE_CONFIG],
    extraProviders: [{ provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(descriptor) }],
    useFactory: (config: ServiceConfig) => ({
      ...createDataSourceOptions(config.DATABASE_URL, descriptor.persistence, `${descriptor.name}-${kind}`),
      retryAttempts: 10,
      retryDelay: 1000,
    }),
  });
}

/**
 * Rate limit per authenticated user (per client address before authentication), across all routes of the service.
 * Public routes (probes, metrics) are not limited: orchestrators poll them.
 */
function rateLimitImport(descriptor: ServiceDescriptor) {
  return ThrottlerModule.forRootAsync({
    useFactory: () => ({
      // Named 'default' so the answer carries the standard Retry-After header.
      throttlers: [{ name: 'default', ttl: 60_000, limit: loadServiceConfig(descriptor).RATE_LIMIT_PER_MINUTE }],
      getTracker: (req: Record<string, unknown>) => (req as unknown as AuthenticatedRequest).principal?.subject ?? (req as unknown as AuthenticatedRequest).ip ?? 'unknown',
      generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      skipIf: (context) => (Reflect.getMetadata(ROUTE_POLICY, context.getHandler()) ?? Reflect.getMetadata(ROUTE_POLICY, context.getClass()) as RoutePolicy | undefined)?.kind === 'public',
    }),
  });
}

const databaseCheck = (dataSource: DataSource, schema: string): ReadinessCheck => ({
  name: 'database',
  check: async () => {
    await dataSource.query('select 1');
    if (await dataSource.showMigrations()) throw new Error('migrations pending: run `npm run migrate`');
    return { schema };
  },
});

const kafkaCheck = (kafka: Kafka): ReadinessCheck => ({ name: 'kafka', check: () => describeKafka(kafka) });

const temporalCheck = (temporal: TemporalClientHandle, config: ServiceConfig): ReadinessCheck => ({
  name: 'temporal',
  check: () => describeTemporal(temporal.connection, config.TEMPORAL_NAMESPACE),
});

export interface WorkerOptions {
  /** Activities object (built by the app's activities factory). */
  activities?: object;
  /** The events the worker consumes: `{ provide: EVENT_HANDLERS, inject: [...], useFactory }`. */
  eventHandlers?: Provider;
}

@Module({})
export class PlatformModule {
  /** The HTTP API process: health, problem+json errors, database, Kafka and Temporal clients. */
  static forApi(descriptor: ServiceDescriptor): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [persistenceImport(descriptor, 'api'), rateLimitImport(descriptor)],
      controllers: [HealthController, MetricsController, CodecController, AuditController],
      providers: [
        ...baseProviders(descriptor, 'api'),
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          provide: TOKEN_VERIFIER,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            createTokenVerifier({ issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, jwksUrl: config.AUTH_JWKS_URL, algorithms: config.AUTH_ALGORITHMS, clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS }),
        },
        // Guards run in this order: who is calling (deny by default), then how often.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        IdempotencyInterceptor,
        {
          provide: READINESS_CHECKS,
          inject: [getDataSourceToken(), KAFKA, TEMPORAL, SERVICE_CONFIG],
          useFactory: (ds: DataSource, kafka: Kafka, temporal: TemporalClientHandle, config: ServiceConfig) => [databaseCheck(ds, descriptor.persistence.schema), kafkaCheck(kafka), temporalCheck(temporal, config)],
        },
      ],
      exports: [SERVICE_DESCRIPTOR, SERVICE_CONFIG, LOGGER, KAFKA, TEMPORAL, ReadinessService, OutboxWriter, MessagingHost, MessagingMetrics, DeadlineClient, DeadlineCommands, FIELD_CIPHER, BLIND_INDEX, AUDIT_LOG, TOKEN_VERIFIER, IdempotencyInterceptor, PersonalData],
    };
  }

  /** The Temporal worker process: the worker on the service's task queue plus the same clients and checks. */
  static forWorker(descriptor: ServiceDescriptor, options: WorkerOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [persistenceImport(descriptor, 'worker')],
      providers: [
        ...baseProviders(descriptor, 'worker'),
        ...(options.eventHandlers ? [options.eventHandlers] : []),
        // Applies committed deadline commands next to the deadline workflows; the API process only enqueues.
        DeadlineCommandRelay,
        {
          provide: TemporalWorkerHost,
          inject: [SERVICE_CONFIG, LOGGER, getDataSourceToken(), OutboxWriter],
          useFactory: (config: ServiceConfig, logger: Logger, dataSource: DataSource, outbox: OutboxWriter) =>
            new TemporalWorkerHost({
              address: config.TEMPORAL_ADDRESS,
              namespace: config.TEMPORAL_NAMESPACE,
              taskQueue: taskQueueOf(descriptor),
              workflowBundlePath: process.env['WORKFLOW_BUNDLE_PATH'] ?? workflowBundlePath(descriptor.name),
              // Every service's worker runs durable deadlines; its own activities come on top.
              activities: { ...createDeadlineActivities({ dataSource, outbox }), ...(options.activities ?? {}) },
              logger,
              dataConverter: platformDataConverter(config.TEMPORAL_ENCRYPTION_KEYS),
            }),
        },
        {
          provide: READINESS_CHECKS,
          inject: [getDataSourceToken(), KAFKA, TEMPORAL, SERVICE_CONFIG, TemporalWorkerHost],
          useFactory: (ds: DataSource, kafka: Kafka, temporal: TemporalClientHandle, config: ServiceConfig, worker: TemporalWorkerHost) => [
            databaseCheck(ds, descriptor.persistence.schema),
            kafkaCheck(kafka),
            temporalCheck(temporal, config),
            {
              name: 'worker',
              check: async () => {
                const state = worker.state();
                if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
                return { state, taskQueue: worker.taskQueue };
              },
            },
          ],
        },
      ],
      exports: [SERVICE_DESCRIPTOR, SERVICE_CONFIG, LOGGER, KAFKA, TEMPORAL, ReadinessService, TemporalWorkerHost, OutboxWriter, MessagingHost, MessagingMetrics, DeadlineClient, DeadlineCommands, FIELD_CIPHER, BLIND_INDEX, AUDIT_LOG, PersonalData],
    };
  }
}
