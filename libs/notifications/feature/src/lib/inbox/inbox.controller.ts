import { Controller, Get, Headers, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiProblems, ApiSuccess, UuidParam, ZodValidationPipe, openApiSchemaOf } from '@linkages/platform-http';
import { ArchiveInboxItemCommand } from './archive-inbox-item.command';
import { ListInboxQuery } from './list-inbox.query';
import { MarkInboxItemReadCommand } from './mark-inbox-item-read.command';
import { StreamInboxQuery } from './stream-inbox.query';
import {
  inboxItemResponse,
  inboxListQuery,
  inboxListResponse,
  inboxStreamQuery,
  type InboxItemResponse,
  type InboxListQuery,
  type InboxListResponse,
  type InboxStreamQuery,
} from './inbox.schemas';

/**
 * The in-app inbox (issue 14, Deliver 3): one's own notifications, read and archived through REST, live through
 * server-sent events that resume from Last-Event-ID. Someone else's item is absent (404).
 */
@ApiTags('notifications')
@Controller()
export class InboxController {
  constructor(
    private readonly listInbox: ListInboxQuery,
    private readonly streamInbox: StreamInboxQuery,
    private readonly markRead: MarkInboxItemReadCommand,
    private readonly archiveItem: ArchiveInboxItemCommand,
  ) {}

  @Get('inbox')
  @Requires('notifications.inbox')
  @ApiOperation({
    summary: 'List your inbox, oldest first',
    description:
      'Unarchived items by default (`archived=true`: the archive), `unread=true` only unread ones, `after` a sequence (the previous page’s `nextAfter`), `limit` 1–100 (default 50). A bad parameter is a 400 problem naming it.',
  })
  @ApiQuery({ name: 'unread', required: false, schema: openApiSchemaOf(inboxListQuery.shape.unread, 'input') })
  @ApiQuery({ name: 'archived', required: false, schema: openApiSchemaOf(inboxListQuery.shape.archived, 'input') })
  @ApiQuery({ name: 'after', required: false, schema: openApiSchemaOf(inboxListQuery.shape.after, 'input') })
  @ApiQuery({ name: 'limit', required: false, schema: openApiSchemaOf(inboxListQuery.shape.limit, 'input') })
  @ApiSuccess(inboxListResponse, { status: 200, description: 'A page of your inbox and the `after` of the next one' })
  @ApiProblems('validation')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(inboxListQuery, 'query')) query: InboxListQuery,
  ): Promise<InboxListResponse> {
    return this.listInbox.execute(principal, query);
  }

  @Sse('inbox/stream')
  @Requires('notifications.inbox')
  @ApiOperation({
    summary: 'Your inbox live, as server-sent events',
    description:
      'Each new item is an event: `id` its sequence, `event: notification`, `data` the item as GET /inbox shows it. Coming back with a `Last-Event-ID` header (or `?lastEventId=`; the header wins) first sends every item of yours after that sequence, then the live ones, without duplicates. A comment line (`: heartbeat`) every 15 s.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The `id` of the last event received (a sequence)' })
  @ApiQuery({ name: 'lastEventId', required: false, schema: openApiSchemaOf(inboxStreamQuery.shape.lastEventId, 'input') })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'An endless text/event-stream of your new inbox items',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description:
            'Server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html): `id: <sequence>`, `event: notification`, `data: <the item as JSON>`, separated by a blank line; `: heartbeat` comments between them',
          example: 'id: 42\nevent: notification\ndata: {"sequence":"42","notificationId":"…","kind":"escalation",…}\n\n',
        },
      },
    },
  })
  @ApiProblems('validation')
  stream(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query(new ZodValidationPipe(inboxStreamQuery, 'query')) query: InboxStreamQuery,
  ): Observable<MessageEvent> {
    return this.streamInbox.execute(principal, lastEventId, query);
  }

  @Post('inbox/:notificationId/read')
  @Requires('notifications.inbox')
  @ApiOperation({
    summary: 'Mark one of your inbox items read',
    description: 'Idempotent: reading it again keeps the first `readAt`. Audited (ids only).',
  })
  @ApiSuccess(inboxItemResponse, { status: 200, description: 'The item, read' })
  @ApiProblems('validation', 'not-found')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('notificationId') notificationId: string,
    @CorrelationId() correlationId: string,
  ): Promise<InboxItemResponse> {
    return this.markRead.execute({ principal, correlationId }, notificationId);
  }

  @Post('inbox/:notificationId/archive')
  @Requires('notifications.inbox')
  @ApiOperation({
    summary: 'Archive one of your inbox items',
    description: 'It leaves the default list (GET /inbox?archived=true shows it). Idempotent. Audited (ids only).',
  })
  @ApiSuccess(inboxItemResponse, { status: 200, description: 'The item, archived' })
  @ApiProblems('validation', 'not-found')
  archive(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('notificationId') notificationId: string,
    @CorrelationId() correlationId: string,
  ): Promise<InboxItemResponse> {
    return this.archiveItem.execute({ principal, correlationId }, notificationId);
  }
}
