import { Module } from '@nestjs/common';
import { InboxRepository } from '@linkages/notifications-data-access';
import { ArchiveInboxItemCommand } from './archive-inbox-item.command';
import { InboxAudit } from './inbox-audit';
import { InboxStreamPoller } from './inbox-stream.poller';
import { InboxController } from './inbox.controller';
import { ListInboxQuery } from './list-inbox.query';
import { MarkInboxItemReadCommand } from './mark-inbox-item-read.command';
import { StreamInboxQuery } from './stream-inbox.query';

/**
 * The in-app inbox API (issue 14, Deliver 3): list, read, archive, and the live stream (one poller per process; its
 * timings from INBOX_STREAM_OPTIONS when a host provides it).
 */
@Module({
  controllers: [InboxController],
  providers: [
    InboxRepository,
    InboxAudit,
    ListInboxQuery,
    MarkInboxItemReadCommand,
    ArchiveInboxItemCommand,
    InboxStreamPoller,
    StreamInboxQuery,
  ],
})
export class NotificationsInboxModule {}
