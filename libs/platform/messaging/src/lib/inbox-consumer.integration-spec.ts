import { toKafkaRecord, createEvent } from '@linkages/shared-contracts';
import { waitFor } from '@linkages/platform-testing';
import { readDeadLetters, replayDeadLetters } from './dead-letters';
import { on } from './inbox-consumer';
import { createMessagingFixture, familyIds, type MessagingFixture } from './messaging.spec-helper';

describe('idempotent inbox consumer, dead letters and replay (real PostgreSQL and Kafka)', () => {
  let f: MessagingFixture;
  const [family] = familyIds(1) as [string];

  beforeEach(async () => {
    f = await createMessagingFixture('inbox');
  });
  afterEach(async () => {
    await f?.close();
  });

  async function produceRaw(messages: { key: string; value: string; headers: Record<string, string> }[]) {
    const producer = f.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: f.topic.name, acks: -1, messages });
    await producer.disconnect();
  }
  const record = (seq: number, patch: (r: ReturnType<typeof toKafkaRecord>) => void = () => undefined) => {
    const r = toKafkaRecord(createEvent(f.probe, { familyId: family, seq }, { ...f.ctx, service: 'calworks' }));
    patch(r);
    return { key: r.key, value: r.value.toString(), headers: r.headers };
  };
  const applied = () => f.dataSource.query(`SELECT seq FROM "${f.schema}".applied ORDER BY n`) as Promise<{ seq: number }[]>;
  const dlq = () => readDeadLetters(f.kafka, [`${f.topic.name}.dlq`]);

  it('a poison message goes to the dead-letter topic with its validation errors; the same key keeps flowing', async () => {
    await f.consumer();
    await produceRaw([
      record(1),
      record(2, (r) => (r.value = Buffer.from(JSON.stringify({ familyId: family, seq: 'two' })))),
      record(3),
      { key: family, value: 'not a cloud event', headers: {} },
      record(4),
    ]);
    await waitFor(async () => (await applied()).length === 3, { what: 'the three good events' });
    expect(await applied()).toEqual([{ seq: 1 }, { seq: 3 }, { seq: 4 }]);
    const letters = await waitFor(async () => ((await dlq()).length === 2 ? dlq() : undefined), { what: 'two dead letters' });
    const schemaInvalid = letters.find((l) => l.reason === 'schema-invalid');
    expect(schemaInvalid).toMatchObject({
      type: f.probe.type,
      originalTopic: f.topic.name,
      consumerGroup: expect.stringContaining('it-inbox'),
    });
    expect(schemaInvalid?.errors.join()).toMatch(/seq/);
    expect(letters.find((l) => l.reason === 'invalid-envelope')?.errors.join()).toMatch(/id|specversion/);
  });

  it('a new group starts at the retained history, or (CONSUMER_FIRST_START=latest) at what arrives after it joined', async () => {
    await produceRaw([record(1), record(2)]);
    const latest = await f.consumer(undefined, { groupId: `${f.schema}-latest`, fromBeginning: false });
    // Joined: wait until the group holds its partitions, then send one more.
    const admin = f.kafka.admin();
    await admin.connect();
    try {
      await waitFor(async () => ((await admin.describeGroups([`${f.schema}-latest`])).groups[0]?.state === 'Stable' ? true : undefined), {
        what: 'the latest group to be stable',
      });
    } finally {
      await admin.disconnect();
    }
    await produceRaw([record(3)]);
    await waitFor(async () => ((await applied()).length === 1 ? true : undefined), { what: 'only the new event' });
    expect(await applied()).toEqual([{ seq: 3 }]);
    await latest.stop();
    await f.consumer(undefined, { groupId: `${f.schema}-earliest`, fromBeginning: true });
    await waitFor(async () => ((await applied()).length === 4 ? true : undefined), { what: 'the history for the earliest group' });
    expect((await applied()).map((a) => a.seq)).toEqual([3, 1, 2, 3]);
  });

  it('a failing handler is retried, then dead-lettered; after the fix a replay is applied exactly once', async () => {
    let fixed = false;
    let attempts = 0;
    const flaky = on(f.probe, async (event, tx) => {
      if (event.data.seq === 2 && !fixed) {
        attempts++;
        throw new Error('downstream rule not deployed yet');
      }
      await f.recordingHandler.handle(event, tx);
    });
    await f.consumer([flaky], { retries: 2 });
    await produceRaw([record(1), record(2), record(3)]);
    const [letter] = await waitFor(async () => ((await dlq()).length === 1 ? dlq() : undefined), { what: 'the dead letter' });
    expect(attempts).toBe(3);
    expect(letter).toMatchObject({ reason: 'handler-failed', attempts: 3, errors: ['Error: downstream rule not deployed yet'] });
    await waitFor(async () => (await applied()).length === 2);
    expect(await applied()).toEqual([{ seq: 1 }, { seq: 3 }]);

    fixed = true;
    expect(await replayDeadLetters(f.kafka, [letter!])).toBe(1);
    await waitFor(async () => (await applied()).length === 3, { what: 'the replayed event' });
    // Replaying the same dead letter again changes nothing: the inbox already holds its event id.
    await replayDeadLetters(f.kafka, [letter!]);
    await waitFor(async () => (await f.count(`SELECT count(*) AS n FROM "${f.schema}".inbox`)) === 3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await applied()).toEqual([{ seq: 1 }, { seq: 3 }, { seq: 2 }]);
  });

  it('runs every handler registered for a type in one transaction: a failing second handler applies neither', async () => {
    let failSecond = true;
    const second = on(f.probe, async (event, tx) => {
      await tx.query(`INSERT INTO "${f.schema}".applied (event_id, family_id, seq) VALUES ($1, $2, $3)`, [
        event.id,
        event.data.familyId,
        event.data.seq * 10,
      ]);
      if (failSecond && event.data.seq === 2) throw new Error('second handler down');
    });
    await f.consumer([f.recordingHandler, second], { retries: 1 });
    await produceRaw([record(1), record(2)]);
    const [letter] = await waitFor(async () => ((await dlq()).length === 1 ? dlq() : undefined), { what: 'the dead letter' });
    expect(await applied()).toEqual([{ seq: 1 }, { seq: 10 }]);
    failSecond = false;
    await replayDeadLetters(f.kafka, [letter!]);
    await waitFor(async () => (await applied()).length === 4, { what: 'both handlers on the replay' });
    expect(await applied()).toEqual([{ seq: 1 }, { seq: 10 }, { seq: 2 }, { seq: 20 }]);
  });

  it('skips a type it does not handle and processes a newer minor version, ignoring the fields it does not know', async () => {
    await f.consumer();
    await produceRaw([
      record(1, (r) => (r.headers['ce_type'] = 'gov.ca.linkages.linkages.probe-recorded.v2')),
      record(2, (r) => (r.headers['ce_type'] = 'gov.ca.linkages.linkages.something-new.v1')),
      record(3, (r) => {
        r.headers['ce_dataschema'] = r.headers['ce_dataschema']!.replace(/1\.0$/, '1.7');
        r.value = Buffer.from(JSON.stringify({ familyId: family, seq: 3, addedInMinor7: 'ignored' }));
      }),
    ]);
    await waitFor(async () => (await applied()).length === 1, { what: 'the newer-minor event' });
    await waitFor(async () => (await f.count(`SELECT count(*) AS n FROM "${f.schema}".inbox`)) === 1);
    expect(await applied()).toEqual([{ seq: 3 }]);
    expect(await dlq()).toEqual([]);
  });

  it('an applied id with another body is dead-lettered as id-conflict, a resend of the same one is a duplicate; a record above the limit is too-large', async () => {
    await f.consumer();
    const first = record(1);
    const id = first.headers['ce_id']!;
    await produceRaw([first]);
    await waitFor(async () => (await applied()).length === 1, { what: 'the first event' });
    await produceRaw([
      first,
      record(2, (r) => (r.headers['ce_id'] = id)),
      record(3, (r) => (r.value = Buffer.from(JSON.stringify({ familyId: family, seq: 3, padding: 'x'.repeat(300 * 1024) })))),
      record(4),
    ]);
    await waitFor(async () => (await applied()).length === 2, { what: 'the event after them' });
    const letters = await waitFor(async () => ((await dlq()).length === 2 ? dlq() : undefined), { what: 'two dead letters' });
    expect(await applied()).toEqual([{ seq: 1 }, { seq: 4 }]);
    expect(letters.find((l) => l.reason === 'id-conflict')?.errors).toEqual([`id: ${id} was applied with another body (${f.probe.type})`]);
    const large = letters.find((l) => l.reason === 'too-large');
    expect(large?.errors.join()).toMatch(/above the limit of 262144/);
    // Kept for inspection without its bulk, so the dead letter itself fits on the broker.
    expect(large?.value?.length).toBe(16 * 1024);
    expect(large?.headers['x-dlq-truncated']?.toString()).toBe('true');
  });
});
