import pg from 'pg';
import type { DeadLetter } from './dead-letters';

type LetterRef = Pick<DeadLetter, 'dlqTopic' | 'dlqPartition' | 'dlqOffset'>;

/**
 * Which dead letters operators have already replayed, kept in PostgreSQL (schema linkages_ops), so `dlq list`
 * can tell pending from replayed and `dlq replay --all` does not replay the same letter twice. (Replaying twice is
 * still harmless: the inbox applies an event id once.) The CLI and the operators' API share the one table.
 */
export class DeadLetterLedger {
  private constructor(private readonly client: pg.Client | pg.Pool) {}

  /** One connection, for a command-line run. */
  static async open(databaseUrl: string): Promise<DeadLetterLedger> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'linkages-dlq' });
    await client.connect();
    return DeadLetterLedger.prepared(client);
  }

  /** A small pool, for a long-running process (a service API): a dropped connection is replaced, not fatal. */
  static async pool(databaseUrl: string, applicationName = 'linkages-dlq'): Promise<DeadLetterLedger> {
    const pool = new pg.Pool({ connectionString: databaseUrl, application_name: applicationName, max: 2, idleTimeoutMillis: 30_000 });
    // An idle connection dropped by PostgreSQL (a restart) must not end the process: the pool replaces it.
    pool.on('error', () => undefined);
    try {
      return await DeadLetterLedger.prepared(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  private static async prepared(client: pg.Client | pg.Pool): Promise<DeadLetterLedger> {
    await client.query(`CREATE SCHEMA IF NOT EXISTS linkages_ops`);
    await client.query(`CREATE TABLE IF NOT EXISTS linkages_ops.dlq_replays (
      dlq_topic text NOT NULL, dlq_partition integer NOT NULL, dlq_offset bigint NOT NULL,
      event_id text NOT NULL, replayed_at timestamptz NOT NULL DEFAULT now(), replayed_by text NOT NULL,
      PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset))`);
    return new DeadLetterLedger(client);
  }

  static keyOf(letter: LetterRef): string {
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

  /**
   * Records the replay of a letter unless one is already recorded: true when this caller holds it (and must now
   * replay it, or `release` it if publishing fails), false when it was replayed before. Two operators replaying the
   * same letter at once: exactly one gets true.
   */
  async claim(letter: DeadLetter, by: string): Promise<boolean> {
    const { rowCount } = await this.client.query(
      `INSERT INTO linkages_ops.dlq_replays (dlq_topic, dlq_partition, dlq_offset, event_id, replayed_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) DO NOTHING`,
      [letter.dlqTopic, letter.dlqPartition, letter.dlqOffset, letter.id, by],
    );
    return rowCount === 1;
  }

  /** Undoes a claim whose replay was not published. */
  async release(letter: LetterRef): Promise<void> {
    await this.client.query(`DELETE FROM linkages_ops.dlq_replays WHERE dlq_topic = $1 AND dlq_partition = $2 AND dlq_offset = $3`, [
      letter.dlqTopic,
      letter.dlqPartition,
      letter.dlqOffset,
    ]);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
