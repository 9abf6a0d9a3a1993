import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { InboxRepository, type InboxItemEntity } from '@linkages/notifications-data-access';

export interface InboxStreamOptions {
  /** How often the poller queries for new items while someone is connected (ms). */
  pollMs: number;
  /**
   * How long a hole in the sequence holds back the items after it (ms): a bigint identity is taken at insert, so a
   * later item can commit before an earlier one. Past this the hole is taken as a rolled-back insert and skipped.
   */
  gapGraceMs: number;
  /** Rows per query (each poll, each page of a reconnect's catch-up). */
  pageSize: number;
  /** How often a connection gets a comment line, so that proxies keep it open and a gone client is noticed (ms). */
  heartbeatMs: number;
}

export const INBOX_STREAM_OPTIONS = 'INBOX_STREAM_OPTIONS';
export const defaultInboxStreamOptions: InboxStreamOptions = {
  pollMs: 1000,
  gapGraceMs: 10_000,
  pageSize: 200,
  heartbeatMs: 15_000,
};

interface Connection {
  staffId: string;
  /** The Last-Event-ID it came back with, if any. */
  resumeAfter: bigint | null;
  /** The last sequence it was given (or is past); null until it joined the loop. */
  cursor: bigint | null;
  next: (row: InboxItemEntity) => void;
  complete: () => void;
}

/**
 * The live inbox of every connected person in this API process, from one loop: the worker inserts items in another
 * process, so the loop polls PostgreSQL once per `pollMs` for every item past the last one it has seen (one query,
 * at most `pageSize` rows, whoever is connected) and hands each to its recipient's connections. A connection that
 * comes back with a Last-Event-ID first gets its own items after that sequence. Items go out in sequence order, each
 * once per connection; a sequence not yet committed holds back the ones after it (up to `gapGraceMs`). The loop runs
 * only while someone is connected.
 */
@Injectable()
export class InboxStreamPoller implements OnModuleDestroy {
  private readonly logger = new Logger('InboxStream');
  readonly options: InboxStreamOptions;
  private readonly connections = new Set<Connection>();
  /** Every sequence up to this one was handed out (or given up on); null while the loop is stopped. */
  private frontier: bigint | null = null;
  private hole: { at: bigint; since: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: InboxRepository,
    @Optional() @Inject(INBOX_STREAM_OPTIONS) options?: Partial<InboxStreamOptions>,
  ) {
    this.options = { ...defaultInboxStreamOptions, ...options };
  }

  /** How many connections are open (0: the loop is stopped). */
  get connected(): number {
    return this.connections.size;
  }

  /** Whether the loop is polling (a timer or a query pending). */
  get polling(): boolean {
    return this.timer !== null || this.running !== null;
  }

  /**
   * A person's items: those after `after` first (a reconnect), then each new one as it commits, in sequence order.
   * Unsubscribing leaves the loop; the last one to leave stops it.
   */
  items(staffId: string, after?: string): Observable<InboxItemEntity> {
    return new Observable<InboxItemEntity>((subscriber) => {
      if (this.closed) {
        subscriber.complete();
        return undefined;
      }
      const connection: Connection = {
        staffId,
        resumeAfter: after === undefined ? null : BigInt(after),
        cursor: null,
        next: (row) => subscriber.next(row),
        complete: () => subscriber.complete(),
      };
      this.connections.add(connection);
      this.wake();
      return () => {
        this.connections.delete(connection);
        if (this.connections.size === 0) this.stop();
      };
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const c of [...this.connections]) c.complete();
    this.connections.clear();
    this.stop();
    await this.running;
  }

  private wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.run();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A running poll sees nobody left when it ends and resets then.
    if (!this.running) this.reset();
  }

  private reset(): void {
    this.frontier = null;
    this.hole = null;
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.poll()
      .catch((error: unknown) => {
        this.logger.warn(`Polling the inbox failed; retrying: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      })
      .then((more) => {
        this.running = null;
        if (this.closed || this.connections.size === 0) return this.reset();
        const delay = more || this.again ? 0 : this.options.pollMs;
        this.timer = setTimeout(() => {
          this.timer = null;
          this.run();
        }, delay);
      });
  }

  /** One round: newcomers catch up, then everyone's new items. True when a full page came (poll again at once). */
  private async poll(): Promise<boolean> {
    const m = this.dataSource.manager;
    const { pageSize, gapGraceMs } = this.options;
    if (this.frontier === null) {
      this.frontier = BigInt(await this.repository.maxSequence(m));
      this.hole = null;
    }
    const start = this.frontier;
    for (const c of [...this.connections]) {
      if (c.cursor !== null) continue;
      let after = c.resumeAfter;
      while (after !== null && after < start && this.connections.has(c)) {
        const rows = await this.repository.between(m, c.staffId, String(after), String(start), pageSize);
        if (this.connections.has(c)) for (const r of rows) c.next(r);
        after = rows.length === pageSize ? BigInt(rows[rows.length - 1]?.sequence ?? start) : null;
      }
      c.cursor = c.resumeAfter !== null && c.resumeAfter > start ? c.resumeAfter : start;
    }

    const rows = await this.repository.after(m, String(start), pageSize);
    let frontier = start;
    let held = false;
    for (const r of rows) {
      const seq = BigInt(r.sequence);
      if (seq !== frontier + 1n) {
        const now = Date.now();
        if (this.hole?.at !== frontier + 1n) this.hole = { at: frontier + 1n, since: now };
        if (now - this.hole.since < gapGraceMs) {
          held = true;
          break;
        }
      }
      this.hole = null;
      frontier = seq;
      for (const c of this.connections) {
        if (c.staffId !== r.recipientStaffId || c.cursor === null || seq <= c.cursor) continue;
        c.cursor = seq;
        c.next(r);
      }
    }
    this.frontier = frontier;
    return !held && rows.length === pageSize;
  }
}
