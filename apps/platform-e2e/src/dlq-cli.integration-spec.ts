import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { childRemovedEvent, createEvent, deadLetterTopicOf, toKafkaRecord } from '@linkages/shared-contracts';
import { repoRoot } from '@linkages/platform-config';
import { ensureTopics } from '@linkages/platform-messaging';
import { stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';

const dlq = (...args: string[]) =>
  execFileSync(process.execPath, [join(repoRoot(), 'tools', 'dlq.mjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm run dlq (operators inspect and replay dead letters)', () => {
  const kafka = new Kafka({ clientId: 'it-dlq-cli', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const topic = childRemovedEvent.topic.name;
  const eventId = randomUUID();

  beforeAll(async () => {
    // Make sure the topic and its dead-letter topic exist (a service creates them at start).
    await ensureTopics(kafka, [childRemovedEvent.topic]);
    // A dead letter as an inbox consumer writes it.
    const record = toKafkaRecord(
      createEvent(childRemovedEvent, childRemovedEvent.example, {
        service: 'child-welfare',
        countyCode: '06085',
        correlationId: `it-${uniqueSuffix()}`,
        id: eventId,
      }),
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: deadLetterTopicOf(topic),
      messages: [
        {
          key: record.key,
          value: record.value,
          headers: {
            ...record.headers,
            'x-dlq-reason': 'handler-failed',
            'x-dlq-errors': JSON.stringify(['Error: calworks AU service unavailable']),
            'x-dlq-consumer-group': 'linkages-calworks',
            'x-dlq-original-topic': topic,
            'x-dlq-original-partition': '2',
            'x-dlq-original-offset': '41',
            'x-dlq-failed-at': new Date().toISOString(),
            'x-dlq-attempts': '6',
          },
        },
      ],
    });
    await producer.disconnect();
  }, 120_000);

  it('lists it as pending, shows it, replays it to the original topic, then lists it as replayed', async () => {
    expect(dlq('list')).toMatch(
      new RegExp(`${eventId}\\s+gov\\.ca\\.linkages\\.cws\\.child-removed\\.v1\\s+handler-failed\\s+group=linkages-calworks.*pending`),
    );
    const shown = JSON.parse(dlq('show', eventId)) as {
      id: string;
      errors: string[];
      payload: { removalId: string };
      headers: Record<string, string>;
    };
    expect(shown).toMatchObject({
      id: eventId,
      errors: ['Error: calworks AU service unavailable'],
      payload: { removalId: childRemovedEvent.example.removalId },
    });

    const consumer = kafka.consumer({ groupId: `it-dlq-cli-${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    const arrived: Record<string, string>[] = [];
    await consumer.run({
      eachMessage: async ({ message }) =>
        void arrived.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]))),
    });
    await new Promise((r) => setTimeout(r, 4000)); // let the group join before the replay

    expect(dlq('replay', eventId)).toMatch(/Replayed 1 dead letter/);
    const replayed = await waitFor(async () => arrived.find((h) => h['ce_id'] === eventId), {
      what: 'the replayed record on the original topic',
    });
    await consumer.disconnect();
    expect(replayed['ce_type']).toBe(childRemovedEvent.type);
    expect(replayed['x-replay-of']).toMatch(new RegExp(`^${deadLetterTopicOf(topic).replace(/\./g, '\\.')}/\\d+/\\d+$`));
    expect(Object.keys(replayed).filter((k) => k.startsWith('x-dlq-'))).toEqual([]);

    expect(dlq('list')).not.toContain(eventId);
    expect(dlq('list', '--all')).toMatch(new RegExp(`${eventId}.*replayed`));
  }, 120_000);

  it('says clearly when an id is unknown', () => {
    expect(() => dlq('show', randomUUID())).toThrow(/No dead letter with id/);
  });
});
