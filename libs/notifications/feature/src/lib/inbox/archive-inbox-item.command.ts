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
 * Archives one of the caller's inbox items (it leaves the default list). Idempotent: the first `archivedAt` stands. Another person's
 * item is absent (404, never revealed). Audited (ids only), in the transaction of the write.
 */
@Injectable()
export class ArchiveInboxItemCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: InboxRepository,
    private readonly audit: InboxAudit,
  ) {}

  async execute(ctx: InboxCtx, notificationId: string, now: Date = new Date()): Promise<InboxItemResponse> {
    const written = await this.dataSource.transaction(async (tx) => {
      const w = await this.repository.archive(tx, staffIdOf(ctx.principal.subject), notificationId, now);
      if (w) await this.audit.record(ctx, 'archive-inbox-item', notificationId, 'allowed', { changed: w.changed }, tx);
      return w;
    });
    if (!written) {
      await this.audit.record(ctx, 'archive-inbox-item', notificationId, 'denied', {});
      throw problemException('not-found', 'No such item in your inbox');
    }
    return inboxItemResponseOf(written.item);
  }
}
