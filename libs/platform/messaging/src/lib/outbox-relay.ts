import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Logger } from '@linkages/platform-logging';
import { assertSchemaName } from '@linkages/platform-persistence';
import { OUTBOX_LANES } from './messaging.migration';
import { fnv1a32, outboxChannel } from './outbox';
import type { MessagingMetrics } from './metrics';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Connection string for the dedicated LISTEN connection. */
  databaseUrl: string;
  schema: string;
  kafka: Kafka;
  logger: Logger;
  metrics?: MessagingMetrics;
  /** Rows published per lane per round. */
  batchSize?: number;
  /** Polling fallback when no NOTIFY arrives (lost notification, LISTEN connection down). */
  pollIntervalMs?: number;
  /** Sent rows older than this are pruned. */
  retainSentMs?: number;
  /** Test seam: runs after Kafka acknowledged a batch and before the rows are marked sent. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
}

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  value: string;
  created_at: Date;
}

/**
 * Publishes a service's outbox to Kafka: idempotent producer, acks=all, in order per key. Several relay instances
 * may run: each round, a relay takes a lane with a transaction-scoped advisory lock and publishes that lane's
 * oldest unsent rows (locked FOR UPDATE SKIP LOCKED), then marks them sent in the same transaction. A crash between
 * publish and mark leaves the rows unsent, so they are published again: consumers' inboxes make that harmless.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly lockClass: number;
  private producer?: Producer;
  private listener?: pg.Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPrune = 0;
  private nextLane = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = `"${assertSchemaName(options.schema)}".outbox`;
    // Advisory locks take two int4 keys: (this outbox, lane).
    this.lockClass = fnv1a32(`outbox:${options.schema}`) | 0;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    await this.listen();
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking new rounds, finishes the batch in flight, disconnects. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect();
  }

  /** Publishes everything unsent now (one pass over the lanes with work). Returns how many rows it published. */
  async drainOnce(): Promise<number> {
    const lanes = await this.options.dataSource.query(`SELECT DISTINCT lane FROM ${this.table} WHERE sent_at IS NULL`);
    let published = 0;
    const order = (lanes as { lane: number }[]).map((l) => l.lane).sort((a, b) => ((a - this.nextLane + OUTBOX_LANES) % OUTBOX_LANES) - ((b - this.nextLane + OUTBOX_LANES) % OUTBOX_LANES));
    this.nextLane = (this.nextLane + 1) % OUTBOX_LANES;
    for (const lane of order) {
      published += await this.publishLane(lane);
    }
    return published;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.drainOnce();
        failures = 0;
        await this.pruneIfDue();
        if (published === 0) await this.idle(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        failures++;
        const backoff = Math.min(100 * 2 ** failures, 10_000);
        this.options.logger.error({ err: error, backoffMs: backoff, schema: this.options.schema }, 'Outbox relay round failed; retrying');
        this.options.metrics?.relayFailures.inc({ schema: this.options.schema });
        await this.idle(backoff);
      }
    }
  }

  private async publishLane(lane: number): Promise<number> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [this.lockClass, lane])) as [{ locked: boolean }];
      if (!locked) {
        await runner.commitTransaction();
        return 0;
      }
      const rows = (await runner.query(
        `SELECT seq, event_id, topic, partition_key, headers, value, created_at FROM ${this.table}
         WHERE lane = $1 AND sent_at IS NULL ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [lane, this.options.batchSize ?? 1000],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const byTopic = new Map<string, Message[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({ key: row.partition_key, value: row.value, headers: row.headers });
        byTopic.set(row.topic, messages);
      }
      await this.requireProducer().sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      await this.options.afterPublish?.(rows.map((r) => r.event_id));
      await runner.query(`UPDATE ${this.table} SET sent_at = clock_timestamp() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
      await runner.commitTransaction();
      const now = Date.now();
      for (const row of rows) this.options.metrics?.relayLag.observe({ schema: this.options.schema }, (now - new Date(row.created_at).getTime()) / 1000);
      this.options.metrics?.relayPublished.inc({ schema: this.options.schema }, rows.length);
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    const retainMs = this.options.retainSentMs ?? 7 * 24 * 60 * 60 * 1000;
    await this.options.dataSource.query(
      `DELETE FROM ${this.table} WHERE seq IN (SELECT seq FROM ${this.table} WHERE sent_at < clock_timestamp() - ($1::bigint * interval '1 millisecond') LIMIT 10000)`,
      [retainMs],
    );
  }

  /** Waits for a NOTIFY, a stop, or the timeout, whichever comes first. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `linkages-relay-${this.options.schema}` });
    client.on('notification', () => this.wake?.());
    // A broken LISTEN connection only costs latency: polling continues, and we reconnect.
    client.on('error', (error) => {
      this.options.logger.warn({ err: error }, 'Outbox LISTEN connection lost; polling until it is back');
      setTimeout(() => void (this.running ? this.listen().catch(() => undefined) : undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${outboxChannel(this.options.schema)}`);
    this.listener = client;
  }

  private requireProducer(): Producer {
    if (!this.producer) throw new Error('OutboxRelay not started');
    return this.producer;
  }
}
