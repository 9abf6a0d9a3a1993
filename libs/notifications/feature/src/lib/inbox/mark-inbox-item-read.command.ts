import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { staffIdOf } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { InboxRepository } from '@linkages/notifications-data-access';
import { InboxAudit, type InboxCtx } from './inbox-audit';
import { inboxItemResponseOf } from './inbox.view';
import type { InboxItemResponse } from './inbox.schemas';

/**
 * Marks one of the caller's inbox items read. Idempotent: reading it again keeps the first `readAt`. Another person's
 * item is absent (404, never revealed). Audited (ids only), in the transaction of the write.
 */
@Injectable()
export class MarkInboxItemReadCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: InboxRepository,
    private readonly audit: InboxAudit,
  ) {}

  async execute(ctx: InboxCtx, notificationId: string, now: Date = new Date()): Promise<InboxItemResponse> {
    const written = await this.dataSource.transaction(async (tx) => {
      const w = await this.repository.markRead(tx, staffIdOf(ctx.principal.subject), notificationId, now);
      if (w) await this.audit.record(ctx, 'mark-inbox-item-read', notificationId, 'allowed', { changed: w.changed }, tx);
      return w;
    });
    if (!written) {
      await this.audit.record(ctx, 'mark-inbox-item-read', notificationId, 'denied', {});
      throw problemException('not-found', 'No such item in your inbox');
    }
    return inboxItemResponseOf(written.item);
  }
}
