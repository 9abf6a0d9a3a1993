import type { InboxItemEntity } from '@linkages/notifications-data-access';
import type { InboxItemResponse } from './inbox.schemas';

/** An inbox row as the API shows it (REST and server-sent events alike). */
export const inboxItemResponseOf = (r: InboxItemEntity): InboxItemResponse => ({
  sequence: String(r.sequence),
  notificationId: r.notificationId,
  kind: r.kind,
  title: r.title,
  body: r.body,
  escalationId: r.escalationId,
  deadlineId: r.deadlineId,
  level: r.level,
  readAt: r.readAt ? r.readAt.toISOString() : null,
  archivedAt: r.archivedAt ? r.archivedAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});
