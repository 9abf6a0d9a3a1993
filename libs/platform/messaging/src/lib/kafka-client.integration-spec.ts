import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createKafkaClient, describeKafka } from './kafka-client';
import { ensureTopics } from './topics-admin';

describe('Kafka (real KRaft broker)', () => {
  const kafka = createKafkaClient({ clientId: 'it-kafka', brokers: stackEnv().KAFKA_BROKERS.split(',') });
  const topic = `it.stack-probe.${uniqueSuffix()}`;
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
    await ensureTopics(kafka, [{ name: topic, partitions: 3, retentionMs: 3_600_000 }]);
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('answers a metadata request', async () => {
    await expect(describeKafka(kafka)).resolves.toMatchObject({ brokers: 1 });
  });

  it('produces with the idempotent producer and consumes the same messages in order per key', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `family-${i % 4}`, value: JSON.stringify({ seq: i }) }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `it-${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; seq: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            received.push({ key: message.key!.toString(), seq: (JSON.parse(message.value!.toString()) as { seq: number }).seq });
            if (received.length === sent.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received).toHaveLength(20);
    for (const key of ['family-0', 'family-1', 'family-2', 'family-3']) {
      const seqs = received.filter((r) => r.key === key).map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(5);
    }
  });
});
