import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InboxRepository } from '@linkages/notifications-data-access';
import { InboxAudit, type InboxCtx } from './inbox-audit';
import { stampOwnInboxItem } from './stamp-own-inbox-item';
import type { InboxItemResponse } from './inbox.schemas';

/**
 * Marks one of the caller's inbox items read. Idempotent: reading it again keeps the first `readAt`. Another person's
 * item is absent (404, never revealed). Audited (ids only), in the transaction of the write.
 */
@Injectable()
export class MarkInboxItemReadCommand {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly repository: InboxRepository,
    readonly audit: InboxAudit,
  ) {}

  execute(ctx: InboxCtx, notificationId: string, now: Date = new Date()): Promise<InboxItemResponse> {
    return stampOwnInboxItem(this, ctx, 'mark-inbox-item-read', notificationId, (tx, me) =>
      this.repository.markRead(tx, me, notificationId, now),
    );
  }
}
