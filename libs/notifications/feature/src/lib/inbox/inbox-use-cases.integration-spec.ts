import type { HttpException } from '@nestjs/common';
import { firstValueFrom, take, toArray, type Subscription } from 'rxjs';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import type { AuditEntry, AuditLog } from '@linkages/platform-audit';
import { waitFor } from '@linkages/platform-testing';
import { InboxItemEntity, InboxRepository, notificationsEntities, notificationsMigrations } from '@linkages/notifications-data-access';
import { ArchiveInboxItemCommand } from './archive-inbox-item.command';
import { InboxAudit } from './inbox-audit';
import { InboxStreamPoller } from './inbox-stream.poller';
import { ListInboxQuery } from './list-inbox.query';
import { MarkInboxItemReadCommand } from './mark-inbox-item-read.command';

const worker: Principal = { subject: 'demo:cws-worker', roles: ['cws.worker'], agency: 'cws', county: '06085' };
const supervisor: Principal = { subject: 'demo:cws-supervisor', roles: ['cws.supervisor'], agency: 'cws', county: '06085' };
const uuid = () => globalThis.crypto.randomUUID();
const statusOf = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as HttpException | undefined
  )?.getStatus?.();

describe('the inbox use cases and its stream poller (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-inbox', entities: notificationsEntities, migrations: notificationsMigrations });
  const repo = new InboxRepository();
  const entries: AuditEntry[] = [];
  const audit = new InboxAudit({ append: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog);
  const insert = async (recipient: Principal, title = 'Overdue: response due') => {
    const notificationId = uuid();
    await db.ds.getRepository(InboxItemEntity).insert({
      notificationId,
      recipientStaffId: staffIdOf(recipient.subject),
      kind: 'escalation',
      title,
      body: 'What to do',
      escalationId: uuid(),
      deadlineId: uuid(),
      level: 1,
      readAt: null,
      archivedAt: null,
      createdAt: new Date(),
    });
    return (await db.ds.getRepository(InboxItemEntity).findOneByOrFail({ notificationId })) as InboxItemEntity;
  };

  describe('list, read, archive', () => {
    const ctx = { principal: worker, correlationId: 'it-inbox' };
    let mine: InboxItemEntity[] = [];
    let theirs: InboxItemEntity;
    beforeAll(async () => {
      mine = [await insert(worker, 'a'), await insert(worker, 'b')];
      theirs = await insert(supervisor, 'theirs');
      mine.push(await insert(worker, 'c'));
    });

    it('lists only the caller’s own items, oldest first, with the filters and paging', async () => {
      const list = new ListInboxQuery(db.ds, repo);
      const all = await list.execute(worker, { archived: false, limit: 50 });
      expect(all.items.map((i) => i.title)).toEqual(['a', 'b', 'c']);
      expect(all.nextAfter).toBeNull();
      expect(all.items[0]).toEqual({
        sequence: String(mine[0]?.sequence),
        notificationId: mine[0]?.notificationId,
        kind: 'escalation',
        title: 'a',
        body: 'What to do',
        escalationId: mine[0]?.escalationId,
        deadlineId: mine[0]?.deadlineId,
        level: 1,
        readAt: null,
        archivedAt: null,
        createdAt: mine[0]?.createdAt.toISOString(),
      });
      const page1 = await list.execute(worker, { archived: false, limit: 2 });
      expect(page1.items.map((i) => i.title)).toEqual(['a', 'b']);
      expect(page1.nextAfter).toBe(String(mine[1]?.sequence));
      const page2 = await list.execute(worker, { archived: false, limit: 2, after: page1.nextAfter ?? '' });
      expect(page2.items.map((i) => i.title)).toEqual(['c']);
      expect(page2.nextAfter).toBeNull();
      expect((await list.execute(supervisor, { archived: false, limit: 50 })).items.map((i) => i.title)).toEqual(['theirs']);
      expect(entries).toEqual([]); // reads of one's own queue are not audited
    });

    it('marks read idempotently (the first readAt stands), audited with ids only', async () => {
      const read = new MarkInboxItemReadCommand(db.ds, repo, audit);
      const id = mine[0]?.notificationId ?? '';
      const first = await read.execute(ctx, id, new Date('2026-12-01T10:00:00Z'));
      expect(first.readAt).toBe('2026-12-01T10:00:00.000Z');
      const again = await read.execute(ctx, id, new Date('2026-12-01T11:00:00Z'));
      expect(again.readAt).toBe('2026-12-01T10:00:00.000Z');
      expect((await repo.find(db.ds.manager, staffIdOf(worker.subject), id))?.readAt?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
      const unread = await new ListInboxQuery(db.ds, repo).execute(worker, { archived: false, unread: true, limit: 50 });
      expect(unread.items.map((i) => i.title)).toEqual(['b', 'c']);
      expect(entries.splice(0)).toEqual([
        expect.objectContaining({
          action: 'update',
          recordType: 'inbox-item',
          recordId: id,
          outcome: 'allowed',
          details: { changed: true },
        }),
        expect.objectContaining({
          action: 'update',
          recordType: 'inbox-item',
          recordId: id,
          outcome: 'allowed',
          details: { changed: false },
        }),
      ]);
    });

    it('archives: the item leaves the default list and is in the archive', async () => {
      const archive = new ArchiveInboxItemCommand(db.ds, repo, audit);
      const list = new ListInboxQuery(db.ds, repo);
      const id = mine[1]?.notificationId ?? '';
      const done = await archive.execute(ctx, id, new Date('2026-12-01T12:00:00Z'));
      expect(done).toMatchObject({ notificationId: id, archivedAt: '2026-12-01T12:00:00.000Z', readAt: null });
      expect((await archive.execute(ctx, id, new Date('2026-12-02T12:00:00Z'))).archivedAt).toBe('2026-12-01T12:00:00.000Z');
      expect((await list.execute(worker, { archived: false, limit: 50 })).items.map((i) => i.title)).toEqual(['a', 'c']);
      expect((await list.execute(worker, { archived: true, limit: 50 })).items.map((i) => i.title)).toEqual(['b']);
      expect(entries.splice(0).map((e) => [e.purpose, e.recordId, e.outcome])).toEqual([
        ['archive-inbox-item', id, 'allowed'],
        ['archive-inbox-item', id, 'allowed'],
      ]);
    });

    it('answers 404 for another person’s item or an unknown one, changing nothing (the refusal audited)', async () => {
      const read = new MarkInboxItemReadCommand(db.ds, repo, audit);
      const archive = new ArchiveInboxItemCommand(db.ds, repo, audit);
      expect(await statusOf(read.execute(ctx, theirs.notificationId))).toBe(404);
      expect(await statusOf(archive.execute(ctx, theirs.notificationId))).toBe(404);
      expect(await statusOf(read.execute(ctx, uuid()))).toBe(404);
      const row = await repo.find(db.ds.manager, staffIdOf(supervisor.subject), theirs.notificationId);
      expect(row).toMatchObject({ readAt: null, archivedAt: null });
      expect(entries.splice(0).map((e) => [e.action, e.outcome])).toEqual([
        ['deny', 'denied'],
        ['deny', 'denied'],
        ['deny', 'denied'],
      ]);
      expect(JSON.stringify(entries)).not.toContain('theirs');
    });
  });

  describe('the stream poller', () => {
    const options = { pollMs: 50, gapGraceMs: 1500, pageSize: 3, heartbeatMs: 60_000 };
    const collect = (poller: InboxStreamPoller, who: Principal, after?: string) => {
      const got: InboxItemEntity[] = [];
      const sub = poller.items(staffIdOf(who.subject), after).subscribe((r) => got.push(r));
      return { got, sub, titles: () => got.map((r) => r.title) };
    };
    const stopped = (...subs: Subscription[]) => subs.forEach((s) => s.unsubscribe());

    it('hands each new item to its recipient in sequence order, once; a reconnect with Last-Event-ID gets only later ones; the loop stops with the last client', async () => {
      const poller = new InboxStreamPoller(db.ds, repo, options);
      const w = collect(poller, worker);
      const s = collect(poller, supervisor);
      await waitFor(async () => (poller.connected === 2 && poller.polling ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      await new Promise((r) => setTimeout(r, 200)); // joined at the frontier: nothing older is sent
      expect(w.got).toEqual([]);
      const items: InboxItemEntity[] = [];
      for (const t of ['n1', 'n2', 'n3', 'n4', 'n5']) items.push(await insert(worker, t)); // more than a page
      await insert(supervisor, 's1');
      await waitFor(async () => (w.got.length >= 5 && s.got.length >= 1 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      expect(w.titles()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
      expect(s.titles()).toEqual(['s1']);
      stopped(w.sub);

      // The client saw n2 last: it comes back with Last-Event-ID n2 and gets n3..n5 (two pages), then live ones.
      const again = collect(poller, worker, String(items[1]?.sequence));
      await waitFor(async () => (again.got.length >= 3 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      await insert(worker, 'n6');
      await waitFor(async () => (again.got.length >= 4 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      await new Promise((r) => setTimeout(r, 200));
      expect(again.titles()).toEqual(['n3', 'n4', 'n5', 'n6']);
      expect(new Set(again.got.map((r) => r.sequence)).size).toBe(4);
      expect(s.titles()).toEqual(['s1']);

      stopped(again.sub, s.sub);
      expect(poller.connected).toBe(0);
      await waitFor(async () => (poller.polling ? undefined : true), { timeoutMs: 2000, intervalMs: 20 });
      await poller.onModuleDestroy();
    });

    it('holds back an item behind an earlier sequence not committed yet, then sends both in order; a rolled-back one is skipped after the grace', async () => {
      const poller = new InboxStreamPoller(db.ds, repo, options);
      const w = collect(poller, worker);
      await waitFor(async () => (poller.polling ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      await new Promise((r) => setTimeout(r, 200));

      // An open transaction takes the next sequence; a later insert commits first.
      const slow = db.ds.createQueryRunner();
      await slow.connect();
      await slow.startTransaction();
      const slowId = uuid();
      await slow.manager.getRepository(InboxItemEntity).insert({
        notificationId: slowId,
        recipientStaffId: staffIdOf(worker.subject),
        kind: 'escalation',
        title: 'slow',
        body: 'b',
        escalationId: uuid(),
        deadlineId: uuid(),
        level: 1,
        readAt: null,
        archivedAt: null,
        createdAt: new Date(),
      });
      await insert(worker, 'fast');
      await new Promise((r) => setTimeout(r, 500));
      expect(w.titles()).toEqual([]); // held behind the open transaction
      await slow.commitTransaction();
      await waitFor(async () => (w.got.length >= 2 ? true : undefined), { timeoutMs: 3000, intervalMs: 20 });
      expect(w.titles()).toEqual(['slow', 'fast']);

      // A rolled-back insert leaves a hole for good: the next item waits out the grace, then comes.
      await slow.startTransaction();
      await slow.manager.getRepository(InboxItemEntity).insert({
        notificationId: uuid(),
        recipientStaffId: staffIdOf(worker.subject),
        kind: 'escalation',
        title: 'rolled-back',
        body: 'b',
        escalationId: uuid(),
        deadlineId: uuid(),
        level: 1,
        readAt: null,
        archivedAt: null,
        createdAt: new Date(),
      });
      await slow.rollbackTransaction();
      await slow.release();
      const startedAt = Date.now();
      await insert(worker, 'after-hole');
      await waitFor(async () => (w.got.length >= 3 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(options.gapGraceMs - 100);
      expect(w.titles()).toEqual(['slow', 'fast', 'after-hole']);
      stopped(w.sub);
      await poller.onModuleDestroy();
    });

    it('completes its connections when the module stops', async () => {
      const poller = new InboxStreamPoller(db.ds, repo, options);
      const done = firstValueFrom(poller.items(staffIdOf(worker.subject)).pipe(take(1), toArray()));
      await poller.onModuleDestroy();
      expect(await done).toEqual([]);
      expect(poller.polling).toBe(false);
    });
  });
});
