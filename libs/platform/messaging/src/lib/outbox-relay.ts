import pg from 'pg';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Logger } from '@linkages/platform-logging';
import { assertSchemaName } from '@linkages/platform-persistence';
import { OUTBOX_LANES } from './messaging.migration';
import { fnv1a32, outboxChannel } from './outbox';
import type { MessagingMetrics } from './metrics';
import { PollingLoop } from './polling-loop';

export interface OutboxRelayOptions {
  /** The relay uses its own connections: one session for lane leases and LISTEN, a small pool for rows. */
  databaseUrl: string;
  schema: string;
  kafka: Kafka;
  logger: Logger;
  metrics?: MessagingMetrics;
  /** Rows per Kafka batch. */
  batchSize?: number;
  /** Polling fallback when no NOTIFY arrives (lost notification, session being re-established). */
  pollIntervalMs?: number;
  /** Sent rows older than this are pruned. */
  retainSentMs?: number;
  /** Test seam: runs after Kafka acknowledged a batch and before its rows are marked sent. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
}

/** A row as fetched (array row mode: no per-row object building, which dominates CPU at thousands of rows/s). */
type OutboxRow = [
  seq: string,
  eventId: string,
  topic: string,
  key: string,
  headers: Record<string, string>,
  value: string,
  createdAtMs: number,
];

/**
 * Publishes a service's outbox to Kafka with the idempotent producer (acks=all), in order per key.
 *
 * Lanes: every row belongs to one of 16 lanes by its partition key. A relay leases lanes with session-level
 * advisory locks held by its own PostgreSQL session, so a lane is published by exactly one relay at a time and a
 * key's events keep their order however many relays run; lanes of a relay that dies are released with its session
 * and taken over by the others. (Row locks alone, FOR UPDATE SKIP LOCKED, would let two relays publish one key's
 * rows concurrently and out of order.)
 *
 * Pipeline: while batch k is in flight to Kafka the relay reads batch k+1 and marks batch k-1 sent; batch k+1 is
 * sent only after k is acknowledged, so a failed batch is never overtaken. A crash between acknowledgment and marking publishes
 * those rows again: at-least-once, which consumers' inboxes turn into exactly-once effects.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly lockClass: number;
  private producer?: Producer;
  private session?: pg.Client;
  private pool?: pg.Pool;
  private readonly owned = new Set<number>();
  private readonly loop: PollingLoop;
  private lastPrune = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = `"${assertSchemaName(options.schema)}".outbox`;
    // Advisory locks take two int4 keys: (this outbox, lane).
    this.lockClass = fnv1a32(`outbox:${options.schema}`) | 0;
    this.loop = new PollingLoop({
      turn: () => this.turn(),
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      onError: (error, backoffMs) => {
        this.options.logger.error({ err: error, backoffMs, schema: this.options.schema }, 'Outbox relay failed; retrying');
        this.options.metrics?.relayFailures.inc({ schema: this.options.schema });
      },
    });
  }

  async start(): Promise<void> {
    if (this.loop.running) return;
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.pool = new pg.Pool({
      connectionString: this.options.databaseUrl,
      max: 3,
      application_name: `linkages-relay-${this.options.schema}`,
      // This pool only reads "the oldest unsent rows". After a burst of inserts, before autovacuum has refreshed
      // the statistics, the planner would bitmap-scan and sort the whole backlog for every batch; the walk of the
      // partial index outbox_unsent in seq order stops after one batch whatever the statistics say.
      options: '-c enable_bitmapscan=off -c enable_sort=off',
    });
    // An idle pooled connection that PostgreSQL drops (a restart) is an 'error' event of the pool: without a listener
    // it would end the process. The pool discards the connection and opens a new one for the next batch.
    this.pool.on('error', (error) =>
      this.options.logger.warn({ err: error, schema: this.options.schema }, 'Outbox relay lost an idle connection; it is replaced'),
    );
    await this.openSession();
    this.loop.start();
  }

  /** Stops taking new batches, finishes (and marks) the batch in flight, releases its lanes, disconnects. */
  async stop(): Promise<void> {
    if (!this.loop.running) return;
    await this.loop.stop();
    const session = this.session;
    this.session = undefined;
    this.owned.clear();
    await session?.end().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    await this.producer?.disconnect();
  }

  /** The backend pid of the relay's session (operators can see it in pg_stat_activity). */
  sessionPid(): number | undefined {
    return (this.session as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  /** Lanes this relay currently publishes. */
  lanes(): number[] {
    return [...this.owned].sort((a, b) => a - b);
  }

  /** One turn of the loop: publishes what the owned lanes hold, prunes when due; 0 when there was nothing. */
  private async turn(): Promise<number> {
    const published = await this.pump();
    await this.pruneIfDue();
    return published;
  }

  /**
   * Publishes until the owned lanes are empty (or the relay stops). Returns how many rows it published.
   * Three things overlap: batch k+1 travels to Kafka while batch k is marked sent and batch k+2 is read.
   */
  private async pump(): Promise<number> {
    await this.leaseLanes();
    let published = 0;
    let batch = await this.fetch([]);
    let inFlight = batch.length > 0 ? this.send(batch) : undefined;
    let marking: { rows: OutboxRow[]; done: Promise<void> } | undefined;
    while (batch.length > 0) {
      // Rows in flight and rows still being marked are not "unsent" for the next read.
      const exclude = batch.map((r) => r[0]).concat(marking?.rows.map((r) => r[0]) ?? []);
      const next = this.loop.running ? await this.fetch(exclude) : [];
      // Throws if Kafka did not acknowledge: the next batch is then never sent, so it cannot overtake this one.
      await inFlight;
      await this.options.afterPublish?.(batch.map((r) => r[1]));
      const nextInFlight = next.length > 0 ? this.send(next) : undefined;
      nextInFlight?.catch(() => undefined); // awaited on the next turn; this only avoids an unhandled rejection
      await marking?.done;
      marking = { rows: batch, done: this.markSent(batch) };
      marking.done.catch(() => undefined); // awaited on the next turn or below
      published += batch.length;
      batch = next;
      inFlight = nextInFlight;
    }
    await marking?.done;
    return published;
  }

  private send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const [, , topic, key, headers, value] of rows) {
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key, value, headers });
      byTopic.set(topic, messages);
    }
    return this.requireProducer()
      .sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) })
      .then(() => undefined);
  }

  private async fetch(exclude: string[]): Promise<OutboxRow[]> {
    const lanes = [...this.owned];
    if (lanes.length === 0) return [];
    const result = await this.requirePool().query<OutboxRow>({
      text: `SELECT seq, event_id, topic, partition_key, headers, value, (extract(epoch FROM created_at) * 1000)::float8 FROM ${this.table}
             WHERE sent_at IS NULL AND lane = ANY($1::smallint[]) AND NOT (seq = ANY($2::bigint[]))
             ORDER BY seq LIMIT $3`,
      values: [lanes, exclude, this.options.batchSize ?? 1000],
      rowMode: 'array',
    });
    return result.rows;
  }

  private async markSent(rows: OutboxRow[]): Promise<void> {
    await this.requirePool().query(`UPDATE ${this.table} SET sent_at = clock_timestamp() WHERE seq = ANY($1::bigint[])`, [
      rows.map((r) => r[0]),
    ]);
    const metrics = this.options.metrics;
    if (!metrics) return;
    const now = Date.now();
    const labels = { schema: this.options.schema };
    for (const row of rows) metrics.relayLag.observe(labels, (now - row[6]) / 1000);
    metrics.relayPublished.inc(labels, rows.length);
  }

  /** Takes every lane no other relay holds (cheap when all are already owned). */
  private async leaseLanes(): Promise<void> {
    if (!this.session || this.owned.size === OUTBOX_LANES) return;
    const { rows } = await this.session.query<{ lane: number }>(
      `SELECT lane FROM generate_series(0, ${OUTBOX_LANES - 1}) AS lane WHERE NOT (lane = ANY($2::int[])) AND pg_try_advisory_lock($1, lane)`,
      [this.lockClass, [...this.owned]],
    );
    for (const { lane } of rows) this.owned.add(lane);
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    const retainMs = this.options.retainSentMs ?? 7 * 24 * 60 * 60 * 1000;
    await this.requirePool().query(
      `DELETE FROM ${this.table} WHERE seq IN (SELECT seq FROM ${this.table} WHERE sent_at < clock_timestamp() - ($1::bigint * interval '1 millisecond') LIMIT 10000)`,
      [retainMs],
    );
  }

  /** The relay's own session: LISTEN for new rows and hold the lane leases. Losing it loses the leases. */
  private async openSession(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `linkages-relay-${this.options.schema}` });
    client.on('notification', () => this.loop.wake());
    client.on('error', (error) => {
      if (this.session !== client) return;
      this.session = undefined;
      this.owned.clear();
      this.options.logger.warn({ err: error }, 'Outbox relay session lost: lanes released; reconnecting');
      const retry = () => {
        if (!this.loop.running) return;
        this.openSession().catch(() => setTimeout(retry, 1000));
      };
      setTimeout(retry, 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${outboxChannel(this.options.schema)}`);
    this.session = client;
  }

  private requirePool(): pg.Pool {
    if (!this.pool) throw new Error('OutboxRelay not started');
    return this.pool;
  }

  private requireProducer(): Producer {
    if (!this.producer) throw new Error('OutboxRelay not started');
    return this.producer;
  }
}
