import type { Admin, Kafka } from 'kafkajs';
import { deadLetterRetentionMs, deadLetterTopicOf, type TopicDefinition } from '@linkages/shared-contracts';

/** Creates each catalog topic and its dead-letter topic if missing (idempotent). Returns the names it created. */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly Pick<TopicDefinition, 'name' | 'partitions' | 'retentionMs'>[],
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [
      { topic: t.name, numPartitions: t.partitions, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
      {
        topic: deadLetterTopicOf(t.name),
        numPartitions: t.partitions,
        configEntries: [{ name: 'retention.ms', value: String(deadLetterRetentionMs) }],
      },
    ]);
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin
        .createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: -1 })), waitForLeaders: false })
        .catch((error: unknown) => {
          // Another instance may have created them a moment ago.
          if (!/already exists/i.test(String((error as Error).message))) throw error;
        });
      await waitForLeaders(
        admin,
        missing.map((t) => t.topic),
      );
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every partition of the topics has a leader. A broker that has just started (or just created the
 * topics) answers "does not host this topic-partition" for a moment; kafkajs's own wait does not retry that.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `Kafka topics ${topics.join(', ')} have no leader after ${timeoutMs / 1000}s: ${String((last as Error | undefined)?.message ?? 'no answer')}`,
  );
}
