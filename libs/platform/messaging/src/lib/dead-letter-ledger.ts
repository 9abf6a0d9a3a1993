import pg from 'pg';
import type { DeadLetter } from './dead-letters';

/**
 * Which dead letters operators have already replayed, kept in PostgreSQL (schema linkages_ops), so `dlq list`
 * can tell pending from replayed and `dlq replay --all` does not replay the same letter twice. (Replaying twice is
 * still harmless: the inbox applies an event id once.)
 */
export class DeadLetterLedger {
  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string): Promise<DeadLetterLedger> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'linkages-dlq' });
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS linkages_ops`);
    await client.query(`CREATE TABLE IF NOT EXISTS linkages_ops.dlq_replays (
      dlq_topic text NOT NULL, dlq_partition integer NOT NULL, dlq_offset bigint NOT NULL,
      event_id text NOT NULL, replayed_at timestamptz NOT NULL DEFAULT now(), replayed_by text NOT NULL,
      PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset))`);
    return new DeadLetterLedger(client);
  }

  static keyOf(letter: Pick<DeadLetter, 'dlqTopic' | 'dlqPartition' | 'dlqOffset'>): string {
    return `${letter.dlqTopic}/${letter.dlqPartition}/${letter.dlqOffset}`;
  }

  async replayed(): Promise<Map<string, Date>> {
    const { rows } = await this.client.query<{ dlq_topic: string; dlq_partition: number; dlq_offset: string; replayed_at: Date }>(
      `SELECT dlq_topic, dlq_partition, dlq_offset, replayed_at FROM linkages_ops.dlq_replays`,
    );
    return new Map(rows.map((r) => [`${r.dlq_topic}/${r.dlq_partition}/${r.dlq_offset}`, r.replayed_at]));
  }

  async record(letters: readonly DeadLetter[], by: string): Promise<void> {
    for (const l of letters) {
      await this.client.query(
        `INSERT INTO linkages_ops.dlq_replays (dlq_topic, dlq_partition, dlq_offset, event_id, replayed_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) DO UPDATE SET replayed_at = now(), replayed_by = EXCLUDED.replayed_by`,
        [l.dlqTopic, l.dlqPartition, l.dlqOffset, l.id, by],
      );
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
