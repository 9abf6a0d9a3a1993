import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import { cancelUpdate, extendUpdate, satisfyUpdate, type DeadlineOwner } from '@linkages/platform-deadline-workflows';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { LOGGER, type Logger } from '@linkages/platform-logging';
import { PollingLoop } from '@linkages/platform-messaging';
import { assertSchemaName } from '@linkages/platform-persistence';
import { DeadlineClient } from './deadline-client';
import type { DeadlineCommandOp } from './deadline-command';
import { deadlineCommandsChannel } from './deadline-tracking.migrations';
import { POLICY_REGISTRY } from './policy-registry.token';

export interface DeadlineCommandRelayOptions {
  /** Commands applied concurrently (at most one per deadline). */
  batchSize?: number;
  /** Polling fallback when no NOTIFY arrives. */
  pollIntervalMs?: number;
  /** Bound on one Temporal call; a call that runs out is retried (same update id). */
  callTimeoutMs?: number;
  /** Done rows older than this are pruned. */
  retainDoneMs?: number;
}

export const DEADLINE_COMMAND_RELAY_OPTIONS = Symbol('DEADLINE_COMMAND_RELAY_OPTIONS');

interface CommandRow {
  seq: string;
  command_id: string;
  deadline_id: string;
  op: DeadlineCommandOp;
  payload: Record<string, unknown>;
  attempts: number;
}

type Outcome =
  | { kind: 'applied' }
  /** Nothing to do any more (already started, already satisfied/cancelled, workflow closed). */
  | { kind: 'moot'; reason: string }
  /** Deterministically refused: retrying would be refused again. */
  | { kind: 'rejected'; reason: string }
  | { kind: 'retry'; reason: string };

const maxBackoffMs = 60_000;
const backoffMs = (attempts: number) => Math.min(maxBackoffMs, 500 * 2 ** Math.max(0, attempts - 1));
const messageOf = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);

/**
 * Applies committed deadline commands to their workflows, in the worker process. Claims the oldest due rows with
 * FOR UPDATE SKIP LOCKED (several relays share the work); per deadline a row waits for every earlier pending row,
 * except an open, which goes before the deadline's other commands. At-least-once delivery made exactly-once in
 * effect: an open that already happened is WorkflowExecutionAlreadyStarted, and updates carry the command id as
 * their update id, which the server deduplicates.
 */
@Injectable()
export class DeadlineCommandRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly table: string;
  private readonly channel: string;
  private readonly options: Required<DeadlineCommandRelayOptions>;
  private readonly loop: PollingLoop;
  private listener?: { client: PoolClient; release: (error?: Error) => void };
  private lastPrune = 0;
  private lastListenAttempt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deadlines: DeadlineClient,
    @Inject(SERVICE_IDENTITY) service: ServiceIdentity,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    @Optional() @Inject(DEADLINE_COMMAND_RELAY_OPTIONS) options?: DeadlineCommandRelayOptions | null,
  ) {
    this.table = `"${assertSchemaName(service.schema)}".deadline_commands`;
    this.channel = deadlineCommandsChannel(service.schema);
    this.options = {
      batchSize: 16,
      pollIntervalMs: 1000,
      callTimeoutMs: 30_000,
      retainDoneMs: 7 * 24 * 60 * 60 * 1000,
      ...(options ?? {}),
    };
    this.loop = new PollingLoop({
      turn: () => this.turn(),
      pollIntervalMs: this.options.pollIntervalMs,
      onError: (error, backoffMs) => this.logger.error({ err: error, backoffMs }, 'Deadline command relay failed; retrying'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.loop.running) return;
    await this.listen();
    this.loop.start();
  }

  /** Takes no new commands, lets the ones in flight finish and be marked, then releases its connections. */
  async stop(): Promise<void> {
    if (!this.loop.running) return;
    await this.loop.stop();
    this.unlisten();
  }

  /**
   * One turn of the loop: drains due commands batch by batch until a claim comes back empty, prunes when due.
   * Returns the last claim, 0 unless the relay is stopping, so the loop sleeps until a NOTIFY or the poll interval.
   */
  private async turn(): Promise<number> {
    if (!this.listener && Date.now() - this.lastListenAttempt > 10_000) await this.listen();
    // The drain below sees every command committed before it starts: a NOTIFY kept from earlier is covered.
    this.loop.resetWake();
    let claimed = 0;
    do claimed = await this.applyBatch();
    while (claimed > 0 && this.loop.running);
    await this.pruneIfDue();
    return claimed;
  }

  /** Claims one batch of due commands, applies them concurrently, records each outcome; returns how many. */
  private async applyBatch(): Promise<number> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      // Order key per deadline: opens first, then seq. A row is due when no pending row of its deadline sorts before it.
      const rows = (await qr.query(
        `SELECT c.seq, c.command_id, c.deadline_id, c.op, c.payload, c.attempts FROM ${this.table} c
         WHERE c.done_at IS NULL AND c.next_attempt_at <= now()
           AND NOT EXISTS (
             SELECT 1 FROM ${this.table} e
             WHERE e.deadline_id = c.deadline_id AND e.done_at IS NULL AND e.seq <> c.seq
               AND ((e.op = 'open') > (c.op = 'open') OR ((e.op = 'open') = (c.op = 'open') AND e.seq < c.seq)))
         ORDER BY c.seq LIMIT $1
         FOR UPDATE OF c SKIP LOCKED`,
        [this.options.batchSize],
      )) as CommandRow[];
      if (rows.length === 0) {
        await qr.commitTransaction();
        return 0;
      }
      const outcomes = await Promise.all(rows.map((row) => this.apply(row)));
      for (const [i, row] of rows.entries()) await this.record(qr, row, outcomes[i] ?? { kind: 'retry', reason: 'no outcome' });
      await qr.commitTransaction();
      return rows.length;
    } catch (error) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await qr.release();
    }
  }

  private async record(qr: QueryRunner, row: CommandRow, outcome: Outcome): Promise<void> {
    const log = { commandId: row.command_id, deadlineId: row.deadline_id, op: row.op, attempts: row.attempts + 1 };
    switch (outcome.kind) {
      case 'applied':
      case 'moot':
        if (outcome.kind === 'moot') this.logger.info({ ...log, reason: outcome.reason }, 'Deadline command had nothing left to do');
        await qr.query(`UPDATE ${this.table} SET done_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE seq = $1`, [
          row.seq,
        ]);
        return;
      case 'rejected':
        this.logger.warn({ ...log, reason: outcome.reason }, 'Deadline command rejected by the deadline; recorded as done');
        await qr.query(`UPDATE ${this.table} SET done_at = clock_timestamp(), attempts = attempts + 1, last_error = $2 WHERE seq = $1`, [
          row.seq,
          `rejected: ${outcome.reason}`,
        ]);
        return;
      case 'retry': {
        const delay = backoffMs(row.attempts + 1);
        this.logger.warn({ ...log, reason: outcome.reason, retryInMs: delay }, 'Deadline command failed; will retry');
        await qr.query(
          `UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2, next_attempt_at = clock_timestamp() + ($3::bigint * interval '1 millisecond') WHERE seq = $1`,
          [row.seq, outcome.reason, delay],
        );
        return;
      }
    }
  }

  /** Applies one command through DeadlineClient and classifies what happened. Never throws. */
  private async apply(row: CommandRow): Promise<Outcome> {
    const deadlineId = row.deadline_id;
    const p = row.payload;
    const handle = this.deadlines.handle(deadlineId);
    const bounded = <T>(fn: () => Promise<T>) => handle.client.connection.withDeadline(Date.now() + this.options.callTimeoutMs, fn);
    try {
      switch (row.op) {
        case 'open': {
          const owner = p['owner'] as Omit<DeadlineOwner, 'service'>;
          const ruleId = p['ruleId'] as string;
          try {
            this.registry.rule(ruleId, owner.countyCode);
          } catch (error) {
            return { kind: 'rejected', reason: messageOf(error) };
          }
          await bounded(() => this.deadlines.open({ deadlineId, ruleId, startAt: p['startAt'] as string, owner }));
          return { kind: 'applied' };
        }
        // The command id is the update id: a retry after a lost acknowledgment is the same update, not a second one.
        case 'satisfy':
          await bounded(() =>
            handle.executeUpdate(satisfyUpdate, {
              updateId: row.command_id,
              args: [{ by: p['by'] as string, ...(p['at'] !== undefined ? { at: p['at'] as string } : {}) }],
            }),
          );
          return { kind: 'applied' };
        case 'extend': {
          const req = {
            reasonCode: p['reasonCode'] as string,
            by: p['by'] as string,
            ...(p['length'] !== undefined ? { length: p['length'] as number } : {}),
            ...(p['dueDate'] !== undefined ? { dueDate: p['dueDate'] as string } : {}),
          };
          await bounded(() => handle.executeUpdate(extendUpdate, { updateId: row.command_id, args: [req] }));
          return { kind: 'applied' };
        }
        case 'cancel':
          await bounded(() =>
            handle.executeUpdate(cancelUpdate, {
              updateId: row.command_id,
              args: [{ by: p['by'] as string, reasonCode: p['reasonCode'] as string }],
            }),
          );
          return { kind: 'applied' };
        default:
          return { kind: 'rejected', reason: `unknown op ${String(row.op)}` };
      }
    } catch (error) {
      return this.classify(error, () => bounded(() => handle.describe()));
    }
  }

  private async classify(error: unknown, describe: () => Promise<{ status: { name: string } }>): Promise<Outcome> {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { kind: 'moot', reason: 'already opened' };
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      // The validators refuse a satisfied or cancelled deadline with exactly this message (deadline.workflow.ts).
      if (cause instanceof ApplicationFailure && /^The deadline is (satisfied|cancelled)$/.test(cause.message))
        return { kind: 'moot', reason: cause.message };
      return { kind: 'rejected', reason: messageOf(cause ?? error) };
    }
    if (error instanceof WorkflowNotFoundError) {
      // Either the deadline is closed (nothing left to do) or its open has not happened yet (retry).
      try {
        const { status } = await describe();
        if (status.name !== 'RUNNING') return { kind: 'moot', reason: `workflow ${status.name.toLowerCase()}` };
        return { kind: 'retry', reason: messageOf(error) };
      } catch (describeError) {
        return {
          kind: 'retry',
          reason: describeError instanceof WorkflowNotFoundError ? 'deadline not opened yet' : messageOf(describeError),
        };
      }
    }
    return { kind: 'retry', reason: messageOf(error) };
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < 10 * 60_000) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE seq IN (SELECT seq FROM ${this.table} WHERE done_at < clock_timestamp() - ($1::bigint * interval '1 millisecond') LIMIT 10000)`,
      [this.options.retainDoneMs],
    );
  }

  /** A pooled connection kept for LISTEN; without it the relay still polls, and retries it on the next turn. */
  private async listen(): Promise<void> {
    this.lastListenAttempt = Date.now();
    try {
      const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<[PoolClient, (error?: Error) => void]> };
      const [client, release] = await driver.obtainMasterConnection();
      client.on('notification', () => {
        this.loop.wake();
      });
      client.on('error', (error: Error) => {
        if (this.listener?.client !== client) return;
        this.listener = undefined;
        release(error);
        this.logger.warn({ err: error }, 'Deadline command relay lost its LISTEN session; polling until it is back');
      });
      try {
        await client.query(`LISTEN ${this.channel}`);
      } catch (error) {
        release(error as Error);
        throw error;
      }
      this.listener = { client, release };
    } catch (error) {
      this.logger.warn({ err: error }, 'Deadline command relay could not LISTEN; polling');
    }
  }

  private unlisten(): void {
    const listener = this.listener;
    this.listener = undefined;
    if (!listener) return;
    // Destroy rather than return it: a pooled connection must not keep listening.
    listener.release(new Error('deadline command relay stopped'));
  }
}
