import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TOKEN_VERIFIER, authProviders, perUserRateLimit } from '@linkages/platform-auth';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import { createDeadlineActivities } from '@linkages/platform-deadline-activities';
import { DeadlineCommandRelay } from '@linkages/platform-deadline-tracking';
import { IdempotencyInterceptor, ProblemDetailsFilter } from '@linkages/platform-http';
import { LOGGER, type Logger } from '@linkages/platform-logging';
import {
  EVENT_HANDLERS,
  KAFKA,
  OutboxWriter,
  type EventHandlersProvider,
  type HandlerRegistration,
  type KafkaClient,
  kafkaReadiness,
} from '@linkages/platform-messaging';
import {
  AuditController,
  CodecController,
  DeadLettersController,
  MetricsController,
  WorkflowsController,
  operationsProviders,
} from '@linkages/platform-operations';
import {
  TEMPORAL,
  TemporalWorkerHost,
  platformDataConverter,
  taskQueueOf,
  workflowBundlePath,
  type ActivitiesProvider,
  type TemporalClientHandle,
  temporalReadiness,
  workerReadiness,
} from '@linkages/platform-temporal';
import { databaseReadiness } from '@linkages/platform-persistence';
import { HealthController } from './health.controller';
import { persistenceImport, platformExports, platformProviders, type ProcessKind } from './platform-providers';
import { READINESS_CHECKS } from './readiness';
import { loadServiceConfig, type ServiceDescriptor } from './service-descriptor';

export type { ProcessKind };

export interface WorkerOptions {
  /** The service's activities, one provider per domain; the deadline activities are always there. */
  activities?: ActivitiesProvider[];
  /** The events the worker consumes, one provider per domain; merged into one inbox consumer. */
  eventHandlers?: EventHandlersProvider[];
  /** What those providers inject besides the platform's (a domain's repositories, use cases). */
  providers?: Provider[];
}

const DEADLINE_ACTIVITIES = Symbol('DEADLINE_ACTIVITIES');
const deadlineActivitiesProvider: ActivitiesProvider = {
  provide: DEADLINE_ACTIVITIES,
  inject: [getDataSourceToken(), OutboxWriter],
  useFactory: (dataSource: DataSource, outbox: OutboxWriter) => createDeadlineActivities({ dataSource, outbox }),
};

/** Merges the domains' activity objects; two domains registering one activity name is a wiring error. */
function mergeActivities(sets: object[]): object {
  const merged: Record<string, unknown> = {};
  for (const set of sets) {
    for (const [name, fn] of Object.entries(set)) {
      if (name in merged) throw new Error(`Two activity providers register the activity '${name}'`);
      merged[name] = fn;
    }
  }
  return merged;
}

@Module({})
export class PlatformModule {
  /** The HTTP API process: health, problem+json errors, auth, rate limit, database, Kafka and Temporal clients. */
  static forApi(descriptor: ServiceDescriptor): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [persistenceImport(descriptor, 'api'), perUserRateLimit(() => loadServiceConfig(descriptor).RATE_LIMIT_PER_MINUTE)],
      controllers: [HealthController, MetricsController, CodecController, AuditController, DeadLettersController, WorkflowsController],
      providers: [
        ...platformProviders(descriptor, 'api'),
        ...operationsProviders,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Who is calling (deny by default), then how often.
        ...authProviders,
        IdempotencyInterceptor,
        {
          provide: READINESS_CHECKS,
          inject: [getDataSourceToken(), KAFKA, TEMPORAL, SERVICE_CONFIG],
          useFactory: (ds: DataSource, kafka: KafkaClient, temporal: TemporalClientHandle, config: ServiceConfig) => [
            databaseReadiness(ds, descriptor.persistence.schema),
            kafkaReadiness(kafka),
            temporalReadiness(temporal, config.TEMPORAL_NAMESPACE),
          ],
        },
      ],
      exports: [...platformExports, TOKEN_VERIFIER, IdempotencyInterceptor],
    };
  }

  /** The Temporal worker process: the worker on the service's task queue, its relays and consumers, the same clients and checks. */
  static forWorker(descriptor: ServiceDescriptor, options: WorkerOptions = {}): DynamicModule {
    const activities = [deadlineActivitiesProvider, ...(options.activities ?? [])];
    const handlers = options.eventHandlers ?? [];
    return {
      module: PlatformModule,
      global: true,
      imports: [persistenceImport(descriptor, 'worker')],
      providers: [
        ...platformProviders(descriptor, 'worker'),
        ...(options.providers ?? []),
        ...activities,
        ...handlers,
        { provide: EVENT_HANDLERS, inject: handlers.map((h) => h.provide), useFactory: (...sets: HandlerRegistration[][]) => sets.flat() },
        // Applies committed deadline commands next to the deadline workflows; the API process only enqueues.
        DeadlineCommandRelay,
        {
          provide: TemporalWorkerHost,
          inject: [SERVICE_CONFIG, LOGGER, ...activities.map((a) => a.provide)],
          useFactory: (config: ServiceConfig, logger: Logger, ...sets: object[]) =>
            new TemporalWorkerHost({
              address: config.TEMPORAL_ADDRESS,
              namespace: config.TEMPORAL_NAMESPACE,
              taskQueue: taskQueueOf(descriptor),
              workflowBundlePath: process.env['WORKFLOW_BUNDLE_PATH'] ?? workflowBundlePath(descriptor.name),
              activities: mergeActivities(sets),
              logger,
              dataConverter: platformDataConverter(config.TEMPORAL_ENCRYPTION_KEYS),
            }),
        },
        {
          provide: READINESS_CHECKS,
          inject: [getDataSourceToken(), KAFKA, TEMPORAL, SERVICE_CONFIG, TemporalWorkerHost],
          useFactory: (
            ds: DataSource,
            kafka: KafkaClient,
            temporal: TemporalClientHandle,
            config: ServiceConfig,
            worker: TemporalWorkerHost,
          ) => [
            databaseReadiness(ds, descriptor.persistence.schema),
            kafkaReadiness(kafka),
            temporalReadiness(temporal, config.TEMPORAL_NAMESPACE),
            workerReadiness(worker),
          ],
        },
      ],
      exports: [...platformExports, TemporalWorkerHost],
    };
  }
}
