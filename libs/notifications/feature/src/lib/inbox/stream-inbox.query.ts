import { Injectable, type MessageEvent } from '@nestjs/common';
import { interval, map, merge, type Observable } from 'rxjs';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { InboxStreamPoller } from './inbox-stream.poller';
import { inboxItemResponseOf } from './inbox.view';
import { inboxSequence, type InboxStreamQuery } from './inbox.schemas';

/** The SSE event type of an inbox item. */
export const inboxEventType = 'notification';

/**
 * The caller's live inbox as server-sent events: `id` the item's sequence, `event: notification`, `data` the item
 * (as GET /inbox shows it). With a Last-Event-ID (the header, else `?lastEventId=`) every item of theirs after that
 * sequence comes first; then each new one; a heartbeat comment every `heartbeatMs`. Not audited (one's own queue).
 */
@Injectable()
export class StreamInboxQuery {
  constructor(private readonly poller: InboxStreamPoller) {}

  execute(principal: Principal, lastEventIdHeader: string | undefined, query: InboxStreamQuery): Observable<MessageEvent> {
    const header = lastEventIdHeader?.trim();
    let after = query.lastEventId;
    if (header) {
      const parsed = inboxSequence.safeParse(header);
      if (!parsed.success)
        throw problemException('validation', 'The Last-Event-ID header is not an id this stream sent', {
          errors: [{ field: 'header.last-event-id', message: parsed.error.issues[0]?.message ?? 'is invalid' }],
        });
      after = parsed.data;
    }
    const items = this.poller
      .items(staffIdOf(principal.subject), after)
      .pipe(map((row): MessageEvent => ({ id: String(row.sequence), type: inboxEventType, data: inboxItemResponseOf(row) })));
    const heartbeats = interval(this.poller.options.heartbeatMs).pipe(map((): MessageEvent => ({ comment: 'heartbeat' })));
    return merge(items, heartbeats);
  }
}
