import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a view's reads in one REPEATABLE READ transaction, so they all see the database as of one moment. A view
 * assembled from several reads outside a transaction can show a step's new row beside the row the same step changed
 * as it was before (read skew): a window already open on a removal still "awaiting recommendation".
 */
export function readSnapshot<T>(dataSource: DataSource, read: (tx: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', read);
}
