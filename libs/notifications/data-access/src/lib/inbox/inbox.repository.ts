import { Injectable } from '@nestjs/common';
import { And, IsNull, LessThanOrEqual, MoreThan, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { InboxItemEntity } from '../delivery/inbox-item.entity';

/** What a person's inbox list shows: unarchived (or only archived), optionally only unread, after a sequence, oldest first. */
export interface InboxListFilter {
  /** Only items not read yet. */
  unread?: boolean;
  /** true: only archived items (the archive); false (default): only unarchived ones. */
  archived?: boolean;
  /** Only items whose sequence is greater (a decimal string). */
  after?: string;
  limit: number;
}

/**
 * Reads and writes of the in-app inbox, always of one recipient (their staff id), inside the caller's transaction.
 * Sequences are bigint identities, carried as decimal strings.
 */
@Injectable()
export class InboxRepository {
  /** A recipient's items, oldest first (by sequence). */
  list(tx: EntityManager, recipientStaffId: string, filter: InboxListFilter): Promise<InboxItemEntity[]> {
    const where: FindOptionsWhere<InboxItemEntity> = {
      recipientStaffId,
      archivedAt: filter.archived ? Not(IsNull()) : IsNull(),
      ...(filter.unread ? { readAt: IsNull() } : {}),
      ...(filter.after !== undefined ? { sequence: MoreThan(filter.after) } : {}),
    };
    return tx.find(InboxItemEntity, { where, order: { sequence: 'ASC' }, take: filter.limit });
  }

  /** One item of the recipient's (another person's is absent: null). */
  find(tx: EntityManager, recipientStaffId: string, notificationId: string): Promise<InboxItemEntity | null> {
    return tx.findOne(InboxItemEntity, { where: { recipientStaffId, notificationId } });
  }

  /**
   * Marks the recipient's item read at `at`, unless it was read already (the first read stands). Null when the
   * recipient has no such item. Needs a transaction (the row is locked).
   */
  markRead(tx: EntityManager, recipientStaffId: string, notificationId: string, at: Date): Promise<InboxWrite | null> {
    return this.stamp(tx, recipientStaffId, notificationId, 'readAt', at);
  }

  /** Archives the recipient's item at `at`, unless it was archived already. Null when the recipient has no such item. */
  archive(tx: EntityManager, recipientStaffId: string, notificationId: string, at: Date): Promise<InboxWrite | null> {
    return this.stamp(tx, recipientStaffId, notificationId, 'archivedAt', at);
  }

  /** Every recipient's items after a sequence, oldest first, at most `limit` (what the live stream polls). */
  after(tx: EntityManager, sequence: string, limit: number): Promise<InboxItemEntity[]> {
    return tx.find(InboxItemEntity, { where: { sequence: MoreThan(sequence) }, order: { sequence: 'ASC' }, take: limit });
  }

  /** One recipient's items with a sequence in (after, upTo], oldest first, at most `limit` (a reconnect's catch-up). */
  between(tx: EntityManager, recipientStaffId: string, after: string, upTo: string, limit: number): Promise<InboxItemEntity[]> {
    return tx.find(InboxItemEntity, {
      where: { recipientStaffId, sequence: And(MoreThan(after), LessThanOrEqual(upTo)) },
      order: { sequence: 'ASC' },
      take: limit,
    });
  }

  /** The highest sequence visible now ('0' for an empty table). */
  async maxSequence(tx: EntityManager): Promise<string> {
    const row = await tx
      .createQueryBuilder(InboxItemEntity, 'i')
      .select('COALESCE(MAX(i.sequence), 0)::text', 'max')
      .getRawOne<{ max: string }>();
    return row?.max ?? '0';
  }

  private async stamp(
    tx: EntityManager,
    recipientStaffId: string,
    notificationId: string,
    field: 'readAt' | 'archivedAt',
    at: Date,
  ): Promise<InboxWrite | null> {
    if (!tx.queryRunner?.isTransactionActive) throw new Error('InboxRepository: read and archive need a transaction');
    const item = await tx.findOne(InboxItemEntity, {
      where: { recipientStaffId, notificationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!item) return null;
    if (item[field]) return { item, changed: false };
    await tx.update(InboxItemEntity, { sequence: item.sequence }, { [field]: at });
    item[field] = at;
    return { item, changed: true };
  }
}

/** The item after a read or archive, and whether this call changed it (false: it was so already). */
export interface InboxWrite {
  item: InboxItemEntity;
  changed: boolean;
}
