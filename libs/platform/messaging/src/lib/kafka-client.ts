import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { ReadinessCheck } from '@linkages/platform-config';
import type { Logger } from '@linkages/platform-logging';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  logger?: Logger;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs through the service's structured logger instead of its own console format. */
function pinoLogCreator(logger: Logger): logCreator {
  return () => (entry: LogEntry) => {
    const { message, ...fields } = entry.log;
    logger[levels[entry.level] ?? 'info']({ context: `kafkajs:${entry.namespace}`, ...fields }, message);
  };
}

/** The only place the platform constructs a kafkajs client. */
export function createKafkaClient({ clientId, brokers, logger }: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 8 },
    ...(logger ? { logCreator: pinoLogCreator(logger), logLevel: logLevel.WARN } : { logLevel: logLevel.NOTHING }),
  });
}

/** Readiness probe: the cluster answers a metadata request. */
export async function describeKafka(kafka: Kafka): Promise<{ brokers: number; controller: number | null }> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  } finally {
    await admin.disconnect();
  }
}

/** The service's kafkajs client (provided by the composition root; only this lib touches kafkajs). */
export const KAFKA = Symbol('KAFKA');

/** The kafkajs client type, for code outside this lib that only passes the client along. */
export type KafkaClient = Kafka;

/** Readiness: the brokers answer. */
export const kafkaReadiness = (kafka: Kafka): ReadinessCheck => ({ name: 'kafka', check: () => describeKafka(kafka) });
