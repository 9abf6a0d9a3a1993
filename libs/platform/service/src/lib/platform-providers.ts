import { Inject, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, AUDIT_LOG } from '@linkages/platform-audit';
import { SERVICE_CONFIG, SERVICE_IDENTITY, type ServiceConfig } from '@linkages/platform-config';
import {
  BLIND_INDEX,
  BlindIndex,
  FIELD_CIPHER,
  FieldCipher,
  MATCH_KEYS,
  MatchKeys,
  PersonalData,
  parseKeyring,
} from '@linkages/platform-crypto';
import { DeadlineClient, DeadlineCommands, POLICY_REGISTRY, TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { LOGGER, createLogger, type Logger } from '@linkages/platform-logging';
import {
  KAFKA,
  MessagingHost,
  MessagingMetrics,
  OutboxWriter,
  createKafkaClient,
  messagingMetricsProvider,
  outboxWriterProvider,
} from '@linkages/platform-messaging';
import { createDataSourceOptions } from '@linkages/platform-persistence';
import { TEMPORAL, createTemporalClient, platformDataConverter, type TemporalClientHandle } from '@linkages/platform-temporal';
import { ReadinessService } from './readiness';
import { SERVICE_DESCRIPTOR, identityOf, loadServiceConfig, type ServiceDescriptor } from './service-descriptor';

export type ProcessKind = 'api' | 'worker';

/** Closes the lazily connected Temporal client with the application. */
class TemporalClientLifecycle implements OnModuleDestroy {
  constructor(@Inject(TEMPORAL) private readonly temporal: TemporalClientHandle) {}
  async onModuleDestroy(): Promise<void> {
    await this.temporal.connection.close();
  }
}

/** What both processes of a service share: its identity and config, clients, ciphers, audit, messaging and clocks. */
export function platformProviders(descriptor: ServiceDescriptor, kind: ProcessKind): Provider[] {
  return [
    { provide: SERVICE_DESCRIPTOR, useValue: descriptor },
    { provide: SERVICE_IDENTITY, useValue: identityOf(descriptor) },
    { provide: POLICY_REGISTRY, useValue: descriptor.rules },
    { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(descriptor) },
    {
      provide: LOGGER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => createLogger({ service: descriptor.name, process: kind, level: config.LOG_LEVEL }),
    },
    {
      provide: KAFKA,
      inject: [SERVICE_CONFIG, LOGGER],
      useFactory: (config: ServiceConfig, logger: Logger) =>
        createKafkaClient({ clientId: `linkages-${descriptor.name}-${kind}`, brokers: config.KAFKA_BROKERS, logger }),
    },
    {
      provide: TEMPORAL,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) =>
        createTemporalClient({
          address: config.TEMPORAL_ADDRESS,
          namespace: config.TEMPORAL_NAMESPACE,
          dataConverter: platformDataConverter(config.TEMPORAL_ENCRYPTION_KEYS),
        }),
    },
    {
      provide: FIELD_CIPHER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => new FieldCipher(parseKeyring(config.FIELD_ENCRYPTION_KEYS, 'FIELD_ENCRYPTION_KEYS')),
    },
    {
      provide: BLIND_INDEX,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => BlindIndex.fromBase64(config.BLIND_INDEX_KEY),
    },
    {
      provide: MATCH_KEYS,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => MatchKeys.fromBase64(config.MATCH_KEY),
    },
    {
      provide: AUDIT_LOG,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new AuditLog(dataSource, descriptor.persistence.schema),
    },
    PersonalData,
    TemporalClientLifecycle,
    ReadinessService,
    outboxWriterProvider,
    messagingMetricsProvider,
    MessagingHost,
    DeadlineClient,
    DeadlineCommands,
    TrackedDeadlines,
  ];
}

/** The providers every domain module of the service may inject. */
export const platformExports = [
  SERVICE_DESCRIPTOR,
  SERVICE_IDENTITY,
  SERVICE_CONFIG,
  POLICY_REGISTRY,
  LOGGER,
  KAFKA,
  TEMPORAL,
  ReadinessService,
  OutboxWriter,
  MessagingHost,
  MessagingMetrics,
  DeadlineClient,
  DeadlineCommands,
  TrackedDeadlines,
  FIELD_CIPHER,
  BLIND_INDEX,
  MATCH_KEYS,
  AUDIT_LOG,
  PersonalData,
];

export function persistenceImport(descriptor: ServiceDescriptor, kind: ProcessKind) {
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
