import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InboxRepository } from '@linkages/notifications-data-access';
import { InboxAudit, type InboxCtx } from './inbox-audit';
import { stampOwnInboxItem } from './stamp-own-inbox-item';
import type { InboxItemResponse } from './inbox.schemas';

/**
 * Archives one of the caller's inbox items (it leaves the default list). Idempotent: the first `archivedAt` stands. Another person's
 * item is absent (404, never revealed). Audited (ids only), in the transaction of the write.
 */
@Injectable()
export class ArchiveInboxItemCommand {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly repository: InboxRepository,
    readonly audit: InboxAudit,
  ) {}

  execute(ctx: InboxCtx, notificationId: string, now: Date = new Date()): Promise<InboxItemResponse> {
    return stampOwnInboxItem(this, ctx, 'archive-inbox-item', notificationId, (tx, me) =>
      this.repository.archive(tx, me, notificationId, now),
    );
  }
}
