import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { auditQuery, auditTable, readAuditEntries, type AuditListFilter } from './audit-query';
import { GENESIS_HASH, auditHash, normalizeAuditEntry, type AuditEntry, type AuditRecord } from './audit-record';
import { verifyAuditChain, type AuditChainProgress, type AuditChainVerdict } from './verify-audit-chain';

export interface AppendedAudit {
  seq: number;
  hash: string;
}

const COLUMNS = [
  'seq',
  'occurred_at',
  'actor_subject',
  'actor_roles',
  'actor_agency',
  'actor_county',
  'action',
  'record_type',
  'record_id',
  'record_county',
  'purpose',
  'authority',
  'outcome',
  'reason',
  'correlation_id',
  'details',
  'prev_hash',
  'hash',
];
const CASTS: Record<string, string> = { seq: '::bigint', occurred_at: '::timestamptz', actor_roles: '::text[]', details: '::jsonb' };
// PostgreSQL accepts at most 65 535 parameters per statement.
const ROWS_PER_INSERT = 1000;

/** The advisory lock key of one schema's chain: a stable 64-bit number derived from the schema name. */
export function auditLockKey(schema: string): string {
  return createHash('sha256').update(`linkages.audit_log\u0000${schema}`).digest().readBigInt64BE(0).toString();
}

/**
 * Appends to a service's hash-chained audit log (`<schema>.audit_log`). Appenders are serialized per schema by a
 * transaction-scoped advisory lock, so the chain stays linear and gapless; the lock is held until the transaction
 * ends, which is why audited transactions should be short.
 */
export class AuditLog {
  private readonly table: string;
  private readonly lockKey: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {
    this.table = auditTable(schema);
    this.lockKey = auditLockKey(schema);
  }

  /**
   * Appends one entry. With a manager (inside `dataSource.transaction(...)`) it joins that transaction, so the
   * audited write and its audit record commit or roll back together; without one it commits on its own.
   */
  async append(entry: AuditEntry, manager?: EntityManager): Promise<AppendedAudit> {
    const [appended] = await this.appendMany([entry], manager);
    if (!appended) throw new Error('AuditLog: append returned nothing');
    return appended;
  }

  /** Appends entries in order, under one lock, in one transaction. */
  async appendMany(entries: readonly AuditEntry[], manager?: EntityManager): Promise<AppendedAudit[]> {
    // Validate everything before taking the lock: a bad entry must not hold up other appenders.
    const normalized = entries.map((e) => normalizeAuditEntry(e));
    if (normalized.length === 0) return [];
    if (manager) {
      // Without a transaction each query could run on a different pooled connection and the lock would not hold.
      if (!manager.queryRunner?.isTransactionActive)
        throw new Error('AuditLog: the EntityManager given must be inside a transaction (dataSource.transaction(...))');
      return this.appendIn(manager, normalized);
    }
    return this.dataSource.transaction((m) => this.appendIn(m, normalized));
  }

  /** Verifies this schema's chain (see verifyAuditChain). */
  verify(onProgress?: (progress: AuditChainProgress) => void): Promise<AuditChainVerdict> {
    return verifyAuditChain(auditQuery(this.dataSource), this.schema, onProgress);
  }

  list(filter?: AuditListFilter): Promise<AuditRecord[]> {
    return readAuditEntries(auditQuery(this.dataSource), this.schema, filter);
  }

  private async appendIn(manager: EntityManager, entries: ReturnType<typeof normalizeAuditEntry>[]): Promise<AppendedAudit[]> {
    const query = auditQuery(manager);
    const [state] = await query(`SELECT pg_advisory_xact_lock($1::bigint), current_setting('transaction_isolation') AS isolation`, [
      this.lockKey,
    ]);
    // Under REPEATABLE READ or SERIALIZABLE the snapshot predates the lock, so the last row read could be stale.
    if (state?.['isolation'] !== 'read committed')
      throw new Error(`AuditLog: append needs a READ COMMITTED transaction (this one is ${String(state?.['isolation'])})`);
    const [last] = await query(`SELECT a.seq::text AS seq, a.hash FROM ${this.table} a ORDER BY a.seq DESC LIMIT 1`);
    let seq = last ? Number(last['seq']) : 0;
    let prevHash = last ? String(last['hash']) : GENESIS_HASH;

    const records: AuditRecord[] = entries.map((entry) => {
      seq += 1;
      const unhashed = { ...entry, seq, prevHash };
      const record = { ...unhashed, hash: auditHash(unhashed) };
      prevHash = record.hash;
      return record;
    });
    for (let i = 0; i < records.length; i += ROWS_PER_INSERT) await this.insert(query, records.slice(i, i + ROWS_PER_INSERT));
    return records.map((r) => ({ seq: r.seq, hash: r.hash }));
  }

  private async insert(query: ReturnType<typeof auditQuery>, records: AuditRecord[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = records.map((r) => {
      const values = [
        String(r.seq),
        r.occurredAt.toISOString(),
        r.actorSubject,
        r.actorRoles,
        r.actorAgency,
        r.actorCounty,
        r.action,
        r.recordType,
        r.recordId,
        r.recordCounty,
        r.purpose,
        r.authority,
        r.outcome,
        r.reason,
        r.correlationId,
        r.details === null ? null : JSON.stringify(r.details),
        r.prevHash,
        r.hash,
      ];
      return `(${values.map((v, i) => `$${params.push(v)}${CASTS[COLUMNS[i] ?? ''] ?? ''}`).join(', ')})`;
    });
    await query(`INSERT INTO ${this.table} (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

/** The service's AuditLog (provided by the composition root). */
export const AUDIT_LOG = Symbol('AUDIT_LOG');
