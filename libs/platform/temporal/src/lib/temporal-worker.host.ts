import type { FactoryProvider, InjectionToken, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type State } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { ReadinessCheck } from '@linkages/platform-config';
import type { Logger } from '@linkages/platform-logging';
import { workerTelemetry } from './telemetry';
import { assertWorkflowBundle } from './workflow-bundle';
import { workflowCacheSize } from './worker-cache';

/**
 * A domain's activities as a Nest provider: its value is the object of activity functions (`createXActivities(deps)`)
 * built from injected repositories and the outbox. The worker merges every domain's set (PlatformModule.forWorker).
 */
export type ActivitiesProvider = FactoryProvider<object> & { provide: InjectionToken };

export interface TemporalWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Prebuilt workflow bundle (see workflowBundlePath). */
  workflowBundlePath: string;
  activities: object;
  logger: Logger;
  dataConverter?: DataConverter;
  /** Called when the worker stops on its own (a crash): by default the process exits so the supervisor restarts it. */
  onFatal?: (error: unknown) => void;
}

/**
 * Runs one Temporal worker inside Nest's life cycle: created in onModuleInit, run in onApplicationBootstrap,
 * shut down and awaited in onModuleDestroy. The run promise is kept and awaited, never fire-and-forget.
 */
export class TemporalWorkerHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;
  private stopping = false;

  constructor(private readonly options: TemporalWorkerOptions) {}

  async onModuleInit(): Promise<void> {
    const { address, namespace, taskQueue, workflowBundlePath, activities } = this.options;
    const codePath = assertWorkflowBundle(workflowBundlePath);
    installTemporalRuntime(this.options.logger);
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      workflowBundle: { codePath },
      activities,
      ...(this.options.dataConverter ? { dataConverter: this.options.dataConverter } : {}),
      ...workerTelemetry(taskQueue),
      // Bounded by the heap, not by the number of open workflows (worker-cache.ts).
      maxCachedWorkflows: workflowCacheSize(),
      shutdownGraceTime: '10 seconds',
    });
  }

  onApplicationBootstrap(): void {
    const worker = this.requireWorker();
    const { logger, taskQueue, namespace } = this.options;
    logger.info({ taskQueue, namespace }, 'Temporal worker running');
    this.running = worker.run().then(
      () => {
        if (!this.stopping) this.fatal(new Error('Temporal worker stopped unexpectedly'));
      },
      (error: unknown) => this.fatal(error),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }

  state(): State | 'NOT_CREATED' {
    return this.worker?.getState() ?? 'NOT_CREATED';
  }

  get taskQueue(): string {
    return this.options.taskQueue;
  }

  private requireWorker(): Worker {
    if (!this.worker) throw new Error('Temporal worker was not created (onModuleInit did not run)');
    return this.worker;
  }

  private fatal(error: unknown): void {
    this.options.logger.fatal({ err: error, taskQueue: this.options.taskQueue }, 'Temporal worker failed');
    (this.options.onFatal ?? (() => process.exit(1)))(error);
  }
}

const pinoLevels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};
let runtimeInstalled = false;

/** Routes the Temporal SDK's own logs into the service's structured logger (once per process). */
export function installTemporalRuntime(logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    // The process's own signal handler closes Nest, which shuts the worker down in order (after the Kafka consumer);
    // the SDK's default handler would stop the worker first, behind Nest's back.
    shutdownSignals: [],
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      logger[pinoLevels[level]]({ context: 'temporal', ...(meta ?? {}) }, message);
    }),
  });
}

/** Readiness: the worker polls its task queue. */
export const workerReadiness = (worker: TemporalWorkerHost): ReadinessCheck => ({
  name: 'worker',
  check: async () => {
    const state = worker.state();
    if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
    return { state, taskQueue: worker.taskQueue };
  },
});
