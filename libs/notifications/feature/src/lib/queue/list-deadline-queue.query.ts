import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { problemException } from '@linkages/platform-http';
import { DeadlineQueueRepository, type QueueCursor, type QueueRow } from '@linkages/notifications-data-access';
import { queueVisibilityOf, type DeadlineQueueCtx } from './deadline-queue-access';
import { DeadlineQueueViews } from './deadline-queue.view';
import type { DeadlineQueueQuery, DeadlineQueueResponse } from './deadline-queue.schemas';

const cursorShape = z.tuple([z.number().int().min(0).max(10), z.boolean(), z.iso.datetime({ offset: true }), z.uuid()]);

export const encodeQueueCursor = (row: QueueRow): string =>
  Buffer.from(JSON.stringify([row.band, row.item.legallyUrgent, row.item.dueAt.toISOString(), row.item.deadlineId])).toString('base64url');

export function decodeQueueCursor(cursor: string): QueueCursor {
  try {
    const [band, urgent, dueAt, deadlineId] = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { band, urgent, dueAt, deadlineId };
  } catch {
    throw problemException('validation', 'cursor is not the nextCursor of a previous page', {
      errors: [{ field: 'query.cursor', message: 'must be the nextCursor of a previous page' }],
    });
  }
}

/**
 * The supervisor's queue (issue 15 item 2): the deadlines of the caller's county they may see (their agency's as its
 * supervisor, else their own and those whose escalation notified them), most urgent first, filtered and paged by an
 * opaque keyset cursor. One audit entry per call (the count and the filters: ids and codes only).
 */
@Injectable()
export class ListDeadlineQueueQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: DeadlineQueueRepository,
    private readonly views: DeadlineQueueViews,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: DeadlineQueueCtx, query: DeadlineQueueQuery, now: Date = new Date()): Promise<DeadlineQueueResponse> {
    const after = query.cursor ? decodeQueueCursor(query.cursor) : undefined;
    const { items, nextCursor } = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const rows = await this.queue.list(
        tx,
        queueVisibilityOf(ctx.principal),
        {
          states: query.state,
          ...(query.unitId ? { unitId: query.unitId } : {}),
          ...(query.staffId ? { staffId: query.staffId } : {}),
          ...(query.program ? { program: query.program } : {}),
          ...(query.ruleId ? { ruleId: query.ruleId } : {}),
          ...(query.agency ? { agency: query.agency } : {}),
        },
        query.limit + 1,
        after,
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: await this.views.itemsOf(tx, page, now),
        nextCursor: rows.length > query.limit && last ? encodeQueueCursor(last) : null,
      };
    });
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'read',
      recordType: 'deadline-queue',
      recordId: null,
      recordCounty: ctx.principal.county,
      purpose: 'list-deadline-queue',
      outcome: 'allowed',
      correlationId: ctx.correlationId,
      details: {
        count: items.length,
        filters: {
          state: query.state,
          ...(query.unitId ? { unitId: query.unitId } : {}),
          ...(query.staffId ? { staffId: query.staffId } : {}),
          ...(query.program ? { program: query.program } : {}),
          ...(query.ruleId ? { ruleId: query.ruleId } : {}),
          ...(query.agency ? { agency: query.agency } : {}),
          limit: query.limit,
          paged: Boolean(query.cursor),
        },
      },
    });
    return { items, nextCursor };
  }
}
