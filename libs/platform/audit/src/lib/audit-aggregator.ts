import type { AuditEntry } from './audit-record';

export interface AuditAggregatorOptions {
  /** How long a key's window lasts, from the entry that opened it. */
  windowMs: number;
  /** How many keys are tracked at most: a new key beyond it closes the oldest window early. */
  maxKeys: number;
  /** Milliseconds since the epoch (a fake clock in tests). */
  now?: () => number;
}

/** What `add` says: whether to write the entry as it is, and windows closed early to make room (to write now). */
export interface AggregatedAdd {
  write: boolean;
  closed: AuditEntry[];
}

interface Window {
  opened: number;
  /** The entry the aggregate repeats: the first one's actor, action, record, outcome and reason. */
  template: AuditEntry;
  count: number;
  tags: Record<string, number>;
  firstAt: number;
  lastAt: number;
}

/**
 * Repeated audit entries (the same refusal again and again) written once per window instead of once each: the first
 * entry of a key opens a window and is written at once, as it is; the repeats within the window are counted and come
 * back, when the window has passed (`closed`) or on shutdown (`drain`), as ONE entry with the first one's fields and
 * `details: { count, firstAt, lastAt, <tag>: n… }` (count: how many repeats it stands for, tags: how many of them
 * were tagged so). Nothing is lost: the entries written plus the counts of the aggregates are every entry added.
 * Memory is bounded by `maxKeys`. Pure: the caller writes what it is told to.
 */
export class AuditAggregator {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly options: AuditAggregatorOptions) {
    if (!(options.windowMs > 0) || !(options.maxKeys >= 1)) throw new RangeError('AuditAggregator needs windowMs > 0 and maxKeys >= 1');
    this.now = options.now ?? Date.now;
  }

  /** Keys with an open window. */
  get size(): number {
    return this.windows.size;
  }

  /** One occurrence of `entry` under `key` (who, action, reason), optionally tagged (`throttled`). */
  add(key: string, entry: AuditEntry, tag?: string): AggregatedAdd {
    const now = this.now();
    const open = this.windows.get(key);
    if (open && now < open.opened + this.options.windowMs) {
      open.count += 1;
      if (tag) open.tags[tag] = (open.tags[tag] ?? 0) + 1;
      if (open.count === 1) open.firstAt = now;
      open.lastAt = now;
      return { write: false, closed: [] };
    }
    const closed: AuditEntry[] = [];
    if (open) this.close(key, open, closed);
    // Windows open in time order, so the oldest is the first in the map.
    for (const [oldest, window] of this.windows) {
      if (this.windows.size < this.options.maxKeys) break;
      this.close(oldest, window, closed);
    }
    const { correlationId: _c, details: _d, occurredAt: _o, ...template } = entry;
    this.windows.set(key, { opened: now, template, count: 0, tags: {}, firstAt: now, lastAt: now });
    return { write: true, closed };
  }

  /** The aggregates of the windows that have passed (their keys are forgotten). */
  closed(): AuditEntry[] {
    const now = this.now();
    const closed: AuditEntry[] = [];
    for (const [key, window] of this.windows) if (now >= window.opened + this.options.windowMs) this.close(key, window, closed);
    return closed;
  }

  /** The aggregates of every open window, passed or not (on shutdown); nothing is tracked after. */
  drain(): AuditEntry[] {
    const closed: AuditEntry[] = [];
    for (const [key, window] of this.windows) this.close(key, window, closed);
    return closed;
  }

  private close(key: string, window: Window, into: AuditEntry[]): void {
    this.windows.delete(key);
    if (window.count === 0) return;
    into.push({
      ...window.template,
      details: {
        count: window.count,
        ...window.tags,
        firstAt: new Date(window.firstAt).toISOString(),
        lastAt: new Date(window.lastAt).toISOString(),
      },
    });
  }
}
