import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { childRemovedEvent, deadLetterTopicOf } from '@linkages/shared-contracts';
import { repoRoot } from '@linkages/platform-config';
import { stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { sendDeadLetter } from './dead-letter.spec-helper';

const dlq = (...args: string[]) =>
  execFileSync(process.execPath, [join(repoRoot(), 'tools', 'dlq.mjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm run dlq (operators inspect and replay dead letters)', () => {
  const kafka = new Kafka({ clientId: 'it-dlq-cli', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const topic = childRemovedEvent.topic.name;
  const eventId = randomUUID();

  beforeAll(async () => {
    await sendDeadLetter(kafka, {
      eventId,
      consumerGroup: 'linkages-calworks',
      errors: ['Error: calworks AU service unavailable'],
      originalPartition: 2,
      originalOffset: 41,
    });
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
