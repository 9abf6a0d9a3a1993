import { waitFor } from '@linkages/platform-testing';
import { createMessagingFixture, familyIds, type MessagingFixture } from './messaging.spec-helper';

describe('transactional outbox and relay (real PostgreSQL and Kafka)', () => {
  let f: MessagingFixture;

  beforeEach(async () => {
    f = await createMessagingFixture('outbox');
  });
  afterEach(async () => {
    await f?.close();
  });

  it('a rolled-back business transaction publishes nothing', async () => {
    const [family] = familyIds(1) as [string];
    await expect(
      f.dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO "${f.schema}".applied (event_id, family_id, seq) VALUES (gen_random_uuid(), $1, 0)`, [family]);
        await f.writer.enqueue(tx, f.probe, { familyId: family, seq: 1 }, f.ctx);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await f.enqueue([{ familyId: family, seq: 2 }]);
    await f.consumer();
    await f.relay().start();
    // The committed event arrives; the rolled-back one never existed.
    await waitFor(() => f.count(`SELECT count(*) AS n FROM "${f.schema}".applied`), { what: 'the committed event' });
    expect(await f.dataSource.query(`SELECT seq FROM "${f.schema}".applied`)).toEqual([{ seq: 2 }]);
    expect(await f.count(`SELECT count(*) AS n FROM "${f.schema}".outbox`)).toBe(1);
  });

  it('refuses to enqueue outside a transaction or with a payload that breaks its contract', async () => {
    await expect(f.writer.enqueue(f.dataSource.manager, f.probe, { familyId: familyIds(1)[0]!, seq: 1 }, f.ctx)).rejects.toThrow(
      /inside the business transaction/,
    );
    await expect(
      f.dataSource.transaction((tx) => f.writer.enqueue(tx, f.probe, { familyId: 'not-a-uuid', seq: 1 }, f.ctx)),
    ).rejects.toThrow(/familyId/);
    expect(await f.count(`SELECT count(*) AS n FROM "${f.schema}".outbox`)).toBe(0);
  });

  it('a relay killed between publish and mark-sent publishes again, and the inbox applies each event once', async () => {
    const events = familyIds(5).flatMap((familyId) => [0, 1, 2, 3].map((seq) => ({ familyId, seq })));
    await f.enqueue(events);
    // The first relay dies right after Kafka acknowledged its first batch: nothing is marked sent.
    let published: string[] = [];
    const dying = f.relay({
      afterPublish: async (ids) => {
        published = ids;
        throw new Error('relay killed');
      },
    });
    await dying.start();
    await waitFor(async () => published.length > 0, { what: 'the first publish' });
    await dying.stop();
    expect(await f.count(`SELECT count(*) AS n FROM "${f.schema}".outbox WHERE sent_at IS NULL`)).toBe(events.length);

    await f.consumer();
    await f.relay().start();
    await waitFor(async () => (await f.count(`SELECT count(*) AS n FROM "${f.schema}".outbox WHERE sent_at IS NULL`)) === 0, {
      what: 'the outbox to drain',
    });
    await waitFor(async () => (await f.count(`SELECT count(*) AS n FROM "${f.schema}".applied`)) === events.length, {
      what: 'every event applied',
    });
    // Give duplicates time to arrive, then check each event was applied exactly once.
    await waitFor(async () => (await f.count(`SELECT count(*) AS n FROM "${f.schema}".inbox`)) === events.length);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await f.count(`SELECT count(*) AS n FROM "${f.schema}".applied`)).toBe(events.length);
    expect(await f.count(`SELECT count(DISTINCT event_id) AS n FROM "${f.schema}".applied`)).toBe(events.length);
    // The first relay's batch really was on Kafka twice.
    const admin = f.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(f.topic.name);
    await admin.disconnect();
    const onTopic = offsets.reduce((n, p) => n + Number(p.high), 0);
    expect(onTopic).toBe(events.length + published.length);
  });

  it('10,000 events over 50 keys arrive in order per key, while a relay loses its session and another takes its lanes over', async () => {
    const families = familyIds(50);
    const total = 10_000;
    // Interleaved keys, 20 transactions of 500 events.
    for (let batch = 0; batch < total / 500; batch++) {
      await f.enqueue(
        Array.from({ length: 500 }, (_, i) => {
          const n = batch * 500 + i;
          return { familyId: families[n % 50]!, seq: Math.floor(n / 50) };
        }),
      );
    }
    await f.consumer();
    let publishedByA = 0;
    let publishedByB = 0;
    const a = f.relay({ batchSize: 300, afterPublish: async (ids) => void (publishedByA += ids.length) });
    await a.start();
    await waitFor(async () => publishedByA > 0, { what: 'relay A publishing' });
    const b = f.relay({ batchSize: 700, afterPublish: async (ids) => void (publishedByB += ids.length) });
    await b.start();
    // B finds every lane leased by A. Then A's database session dies: its leases go with it.
    expect(b.lanes()).toEqual([]);
    await f.dataSource.query('SELECT pg_terminate_backend($1)', [a.sessionPid()]);
    await waitFor(async () => publishedByB > 0 && b.lanes().length === 16, { what: 'relay B to take the lanes over' });
    await waitFor(async () => (await f.count(`SELECT count(*) AS n FROM "${f.schema}".inbox`)) >= total, {
      timeoutMs: 120_000,
      intervalMs: 500,
      what: '10,000 events applied',
    });
    expect(await f.count(`SELECT count(*) AS n FROM "${f.schema}".applied`)).toBe(total);
    expect(await f.count(`SELECT count(*) AS n FROM "${f.schema}".outbox WHERE sent_at IS NULL`)).toBe(0);
    const outOfOrder = await f.count(`
      SELECT count(*) AS n FROM (
        SELECT seq, lag(seq) OVER (PARTITION BY family_id ORDER BY n) AS previous FROM "${f.schema}".applied
      ) s WHERE previous IS NOT NULL AND seq <> previous + 1`);
    expect(outOfOrder).toBe(0);
    expect(await f.count(`SELECT count(DISTINCT family_id) AS n FROM "${f.schema}".applied`)).toBe(50);
    expect(a.lanes()).toEqual([]);
  }, 180_000);

  it('NOTIFY wakes the relay: with a one-minute polling fallback, a committed event is still published at once', async () => {
    await f.consumer();
    const relay = f.relay({ pollIntervalMs: 60_000 });
    await relay.start();
    await new Promise((r) => setTimeout(r, 500)); // the relay is now idle, waiting
    await f.enqueue([{ familyId: familyIds(1)[0]!, seq: 0 }]);
    await waitFor(() => f.count(`SELECT count(*) AS n FROM "${f.schema}".applied`), {
      timeoutMs: 20_000,
      what: 'the event (the polling fallback would take 60 s)',
    });
  });
});
