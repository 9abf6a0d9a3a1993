import type { Kafka } from 'kafkajs';
import { ensureTopics } from '@linkages/platform-messaging';
import { childRemovedEvent, createEvent, deadLetterTopicOf, toKafkaRecord } from '@linkages/shared-contracts';
import { uniqueSuffix } from '@linkages/platform-testing';

/**
 * A dead letter as an inbox consumer writes it when its handler keeps failing: a valid `cws.child-removed` event (the
 * catalog's example) on that topic's dead-letter topic, with the x-dlq-* headers naming the consumer group, the
 * reason, the errors and where it came from. Creates the topics when missing (a service creates them at start).
 */
export async function sendDeadLetter(
  kafka: Kafka,
  options: { eventId: string; consumerGroup: string; errors: string[]; originalPartition?: number; originalOffset?: number },
): Promise<void> {
  const topic = childRemovedEvent.topic.name;
  await ensureTopics(kafka, [childRemovedEvent.topic]);
  const record = toKafkaRecord(
    createEvent(childRemovedEvent, childRemovedEvent.example, {
      service: 'child-welfare',
      countyCode: '06085',
      correlationId: `it-${uniqueSuffix()}`,
      id: options.eventId,
    }),
  );
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic: deadLetterTopicOf(topic),
      messages: [
        {
          key: record.key,
          value: record.value,
          headers: {
            ...record.headers,
            'x-dlq-reason': 'handler-failed',
            'x-dlq-errors': JSON.stringify(options.errors),
            'x-dlq-consumer-group': options.consumerGroup,
            'x-dlq-original-topic': topic,
            'x-dlq-original-partition': String(options.originalPartition ?? 0),
            'x-dlq-original-offset': String(options.originalOffset ?? 0),
            'x-dlq-failed-at': new Date().toISOString(),
            'x-dlq-attempts': '6',
          },
        },
      ],
    });
  } finally {
    await producer.disconnect();
  }
}
