import type { Kafka } from 'kafkajs';
import { deadLetterRetentionMs, deadLetterTopicOf, type TopicDefinition } from '@linkages/shared-contracts';

/** Creates each catalog topic and its dead-letter topic if missing (idempotent). Returns the names it created. */
export async function ensureTopics(kafka: Kafka, topics: readonly Pick<TopicDefinition, 'name' | 'partitions' | 'retentionMs'>[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [
      { topic: t.name, numPartitions: t.partitions, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
      { topic: deadLetterTopicOf(t.name), numPartitions: t.partitions, configEntries: [{ name: 'retention.ms', value: String(deadLetterRetentionMs) }] },
    ]);
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: -1 })), waitForLeaders: true }).catch((error: unknown) => {
        // Another instance may have created them a moment ago.
        if (!/already exists/i.test(String((error as Error).message))) throw error;
      });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
