import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { describeKafka, type KafkaClient } from '@linkages/platform-messaging';
import { describeTemporal, type TemporalClientHandle, type TemporalWorkerHost } from '@linkages/platform-temporal';

export interface ReadinessCheck {
  name: string;
  /** Resolves with details when the dependency is usable; rejects otherwise. */
  check(): Promise<Record<string, unknown>>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  details?: Record<string, unknown>;
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  service: string;
  checks: Record<string, CheckResult>;
}

const checkTimeoutMs = 3000;

/** Runs every registered dependency check in parallel, each bounded by a timeout. */
@Injectable()
export class ReadinessService {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  async report(service: string): Promise<ReadinessReport> {
    const entries = await Promise.all(this.checks.map(async (c) => [c.name, await runCheck(c)] as const));
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, r]) => r.status === 'up') ? 'ready' : 'not-ready', service, checks };
  }
}

async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
    });
    const details = await Promise.race([check.check(), timeout]);
    return { status: 'up', latencyMs: Date.now() - started, details };
  } catch (error) {
    // The reason is for operators; it names the failure, not connection strings or credentials.
    return {
      status: 'down',
      latencyMs: Date.now() - started,
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** PostgreSQL answers and the service's schema has no pending migration. */
export const databaseCheck = (dataSource: DataSource, schema: string): ReadinessCheck => ({
  name: 'database',
  check: async () => {
    await dataSource.query('select 1');
    if (await dataSource.showMigrations()) throw new Error('migrations pending: run `npm run migrate`');
    return { schema };
  },
});

export const kafkaCheck = (kafka: KafkaClient): ReadinessCheck => ({ name: 'kafka', check: () => describeKafka(kafka) });

export const temporalCheck = (temporal: TemporalClientHandle, namespace: string): ReadinessCheck => ({
  name: 'temporal',
  check: () => describeTemporal(temporal.connection, namespace),
});

/** The worker polls its task queue. */
export const workerCheck = (worker: TemporalWorkerHost): ReadinessCheck => ({
  name: 'worker',
  check: async () => {
    const state = worker.state();
    if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
    return { state, taskQueue: worker.taskQueue };
  },
});
