import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { problemException } from '@linkages/platform-http';
import { DeadlineQueueRepository } from '@linkages/notifications-data-access';
import { queueVisibilityOf, type DeadlineQueueCtx } from './deadline-queue-access';
import { DeadlineQueueViews } from './deadline-queue.view';
import type { DeadlineQueueItemResponse } from './deadline-queue.schemas';

type TimelineEntry = DeadlineQueueItemResponse['timeline'][number];

/**
 * One deadline of the queue with its timeline (issue 15 item 3): its events (warning stage n, due, overdue, extended
 * and moved from → to, satisfied, cancelled) merged with its escalations' entries (level raised, acknowledged,
 * resolved…), oldest first. Absent or not the caller's to see: 404, audited as an escalation read is.
 */
@Injectable()
export class ReadDeadlineQueueItemQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: DeadlineQueueRepository,
    private readonly views: DeadlineQueueViews,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: DeadlineQueueCtx, deadlineId: string, now: Date = new Date()): Promise<DeadlineQueueItemResponse> {
    const found = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const row = await this.queue.visible(tx, queueVisibilityOf(ctx.principal), deadlineId);
      if (!row) return { row: null, county: (await this.queue.item(tx, deadlineId))?.countyCode ?? null };
      const [item] = await this.views.itemsOf(tx, [row], now);
      const events = await this.queue.eventsOf(tx, deadlineId);
      const entries = await this.queue.escalationTimeline(tx, deadlineId);
      const timeline: TimelineEntry[] = [
        ...events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, detail: e.detail, order: 0 })),
        ...entries.map((t) => ({
          at: t.at.toISOString(),
          kind: t.kind,
          ...(t.level !== null ? { level: t.level } : {}),
          detail: { ...t.detail, escalationId: t.escalationId },
          order: 1,
        })),
      ]
        .map((e, i) => ({ e, i }))
        .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.e.order - b.e.order || a.i - b.i)
        .map(({ e: { order: _order, ...entry } }) => entry);
      return { row, county: row.item.countyCode, response: item ? { item, timeline } : undefined };
    });
    if (!found.row || !('response' in found) || !found.response) {
      await this.audit.append({
        ...auditActor(ctx.principal),
        action: 'deny',
        recordType: 'deadline',
        recordId: deadlineId,
        recordCounty: found.county,
        purpose: 'read-deadline-queue-item',
        outcome: 'denied',
        correlationId: ctx.correlationId,
        details: {},
      });
      throw problemException('not-found', 'No deadline in your queue with this id');
    }
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'read',
      recordType: 'deadline',
      recordId: deadlineId,
      recordCounty: found.county,
      purpose: 'read-deadline-queue-item',
      outcome: 'allowed',
      correlationId: ctx.correlationId,
      details: { escalationId: found.response.item.escalation?.escalationId ?? null },
    });
    return found.response;
  }
}
