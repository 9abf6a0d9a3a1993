import type { DataSource, EntityManager } from 'typeorm';
import { staffIdOf } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import type { InboxWrite } from '@linkages/notifications-data-access';
import type { InboxAudit, InboxCtx } from './inbox-audit';
import { inboxItemResponseOf } from './inbox.view';
import type { InboxItemResponse } from './inbox.schemas';

/**
 * What reading and archiving share: stamp one of the caller's own items in a transaction with its audit entry (ids
 * only); another person's item is absent (404, never revealed), and the refusal is audited too.
 */
export async function stampOwnInboxItem(
  deps: { dataSource: DataSource; audit: InboxAudit },
  ctx: InboxCtx,
  purpose: 'mark-inbox-item-read' | 'archive-inbox-item',
  notificationId: string,
  stamp: (tx: EntityManager, recipientStaffId: string) => Promise<InboxWrite | null>,
): Promise<InboxItemResponse> {
  const written = await deps.dataSource.transaction(async (tx) => {
    const w = await stamp(tx, staffIdOf(ctx.principal.subject));
    if (w) await deps.audit.record(ctx, purpose, notificationId, 'allowed', { changed: w.changed }, tx);
    return w;
  });
  if (!written) {
    await deps.audit.record(ctx, purpose, notificationId, 'denied', {});
    throw problemException('not-found', 'No such item in your inbox');
  }
  return inboxItemResponseOf(written.item);
}
