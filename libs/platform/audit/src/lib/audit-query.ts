import { assertSchemaName } from '@linkages/platform-persistence';
import type { AuditJson, AuditOutcome, AuditRecord } from './audit-record';

export type AuditRow = Record<string, unknown>;
/** Runs one SQL statement and returns its rows. */
export type AuditQuery = (sql: string, params?: unknown[]) => Promise<AuditRow[]>;

/** Anything with a `query` method: a TypeORM DataSource or EntityManager (rows), or a pg Client or Pool ({ rows }). */
export interface QueryableSource {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Adapts a TypeORM DataSource/EntityManager or a pg Client/Pool to an AuditQuery. */
export function auditQuery(source: QueryableSource): AuditQuery {
  return async (sql, params = []) => {
    const result = await source.query(sql, params);
    if (Array.isArray(result)) return result as AuditRow[];
    const rows = (result as { rows?: unknown } | null)?.rows;
    if (Array.isArray(rows)) return rows as AuditRow[];
    throw new Error('auditQuery: the source returned neither rows nor { rows }');
  };
}

export const auditTable = (schema: string) => `"${assertSchemaName(schema)}".audit_log`;

/**
 * Columns as text or JSON computed by the server, so rows read the same whatever type parsers the client has
 * (timestamps as ISO with milliseconds in UTC, bigint as text). Queries alias the table `a` and order by `a.seq`:
 * a bare `ORDER BY seq` would sort by the text output column.
 */
export const AUDIT_COLUMNS = `seq::text AS seq,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  actor_subject, to_json(actor_roles)::text AS actor_roles, actor_agency, actor_county, action, record_type, record_id,
  record_county, purpose, authority, outcome, reason, correlation_id, details::text AS details, prev_hash, hash`;

export function recordFromRow(row: AuditRow): AuditRecord {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    seq: Number(row['seq']),
    occurredAt: new Date(String(row['occurred_at'])),
    actorSubject: String(row['actor_subject']),
    actorRoles: JSON.parse(String(row['actor_roles'])) as string[],
    actorAgency: text('actor_agency'),
    actorCounty: text('actor_county'),
    action: String(row['action']),
    recordType: text('record_type'),
    recordId: text('record_id'),
    recordCounty: text('record_county'),
    purpose: text('purpose'),
    authority: text('authority'),
    outcome: String(row['outcome']) as AuditOutcome,
    reason: text('reason'),
    correlationId: text('correlation_id'),
    details:
      row['details'] === null || row['details'] === undefined ? null : (JSON.parse(String(row['details'])) as { [key: string]: AuditJson }),
    prevHash: String(row['prev_hash']),
    hash: String(row['hash']),
  };
}

/** True when the schema has an audit_log table. */
export async function auditLogExists(query: AuditQuery, schema: string): Promise<boolean> {
  const [row] = await query(`SELECT to_regclass($1) IS NOT NULL AS present`, [auditTable(schema)]);
  return row?.['present'] === true;
}

export interface AuditListFilter {
  recordId?: string;
  actorSubject?: string;
  /** Newest first; default 50, at most 10 000. */
  limit?: number;
}

/** The most recent entries, newest first, optionally for one record or one actor. */
export async function readAuditEntries(query: AuditQuery, schema: string, filter: AuditListFilter = {}): Promise<AuditRecord[]> {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError('limit must be an integer from 1 to 10000');
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.recordId !== undefined) where.push(`record_id = $${params.push(filter.recordId)}`);
  if (filter.actorSubject !== undefined) where.push(`actor_subject = $${params.push(filter.actorSubject)}`);
  const rows = await query(
    `SELECT ${AUDIT_COLUMNS} FROM ${auditTable(schema)} a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.seq DESC LIMIT $${params.push(limit)}`,
    params,
  );
  return rows.map(recordFromRow);
}
