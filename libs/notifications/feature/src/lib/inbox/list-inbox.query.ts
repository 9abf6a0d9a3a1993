import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import { InboxRepository } from '@linkages/notifications-data-access';
import { inboxItemResponseOf } from './inbox.view';
import type { InboxListQuery, InboxListResponse } from './inbox.schemas';

/**
 * The caller's own inbox, oldest first: unarchived by default (`archived` for the archive), `unread` for only unread,
 * paged by `after` (a sequence). Not audited: it is the person's own work queue, and it holds only what was sent to them.
 */
@Injectable()
export class ListInboxQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: InboxRepository,
  ) {}

  async execute(principal: Principal, query: InboxListQuery): Promise<InboxListResponse> {
    const rows = await this.repository.list(this.dataSource.manager, staffIdOf(principal.subject), {
      archived: query.archived,
      ...(query.unread !== undefined ? { unread: query.unread } : {}),
      ...(query.after !== undefined ? { after: query.after } : {}),
      limit: query.limit,
    });
    const items = rows.map(inboxItemResponseOf);
    return { items, nextAfter: items.length === query.limit ? (items.at(-1)?.sequence ?? null) : null };
  }
}
