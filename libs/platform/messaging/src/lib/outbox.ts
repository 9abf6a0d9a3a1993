import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { createEvent, toKafkaRecord, type CloudEvent, type EventContext, type EventDefinition } from '@linkages/shared-contracts';
import { assertSchemaName } from '@linkages/platform-persistence';
import { OUTBOX_LANES } from './messaging.migration';

/** The LISTEN/NOTIFY channel a service's relay listens on. */
export const outboxChannel = (schema: string) => `linkages_outbox_${assertSchemaName(schema)}`;

/** FNV-1a, 32 bits unsigned: a stable, cheap string hash. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The outbox lane of a partition key. */
export const laneOf = (key: string, lanes = OUTBOX_LANES): number => fnv1a32(key) % lanes;

/**
 * Writes outgoing events into the service's outbox inside the caller's transaction: the business rows and the
 * events commit together or not at all. The relay publishes them after commit (woken by NOTIFY, which PostgreSQL
 * delivers only on commit).
 */
export class OutboxWriter {
  private readonly table: string;

  constructor(
    private readonly schema: string,
    private readonly service: string,
  ) {
    this.table = `"${assertSchemaName(schema)}".outbox`;
  }

  /** Validates the payload against its contract and enqueues the event; returns it (with its id). */
  async enqueue<S extends z.ZodObject>(
    tx: EntityManager,
    def: EventDefinition<S>,
    payload: z.input<S>,
    ctx: Omit<EventContext, 'service'>,
  ): Promise<CloudEvent<z.output<S>>> {
    const event = createEvent(def, payload, { ...ctx, service: this.service });
    await this.enqueueEvents(tx, [{ event, topic: def.topic.name }]);
    return event;
  }

  /** Enqueues several events of one type in one insert; all or none. */
  async enqueueMany<S extends z.ZodObject>(
    tx: EntityManager,
    def: EventDefinition<S>,
    payloads: readonly z.input<S>[],
    ctx: Omit<EventContext, 'service' | 'id'>,
  ): Promise<CloudEvent<z.output<S>>[]> {
    const events = payloads.map((payload) => createEvent(def, payload, { ...ctx, service: this.service }));
    await this.enqueueEvents(
      tx,
      events.map((event) => ({ event, topic: def.topic.name })),
    );
    return events;
  }

  /** Enqueues already-built events (one multi-row insert). */
  async enqueueEvents(tx: EntityManager, items: readonly { event: CloudEvent; topic: string }[]): Promise<void> {
    if (items.length === 0) return;
    if (!tx.queryRunner?.isTransactionActive) throw new Error('OutboxWriter.enqueue must run inside the business transaction');
    const params: unknown[] = [];
    const rows = items.map(({ event, topic }) => {
      const record = toKafkaRecord(event);
      params.push(event.id, topic, record.key, laneOf(record.key), event.type, JSON.stringify(record.headers), record.value.toString());
      const n = params.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
    });
    // An event id already in the outbox is the same event written again (a retried activity): keep the first.
    await tx.query(
      `INSERT INTO ${this.table} (event_id, topic, partition_key, lane, event_type, headers, value) VALUES ${rows.join(', ')} ON CONFLICT (event_id) DO NOTHING`,
      params,
    );
    await tx.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), '']);
  }
}
