import { AUDIT_COLUMNS, auditTable, recordFromRow, type AuditQuery } from './audit-query';
import { GENESIS_HASH, auditHash } from './audit-record';

export interface AuditChainProgress {
  /** Rows checked so far. */
  rows: number;
  lastSeq: number;
  /** Rows in the chain when verification started. */
  total: number;
}

export interface AuditChainVerdict {
  ok: boolean;
  /** Rows checked (up to and including the first broken one). */
  rows: number;
  /** The first seq at which the chain does not hold (a missing seq, or the row whose hash or link is wrong). */
  brokenAt?: number;
  problem?: string;
}

export interface VerifyAuditChainOptions {
  pageSize?: number;
}

/**
 * Recomputes every row's hash in seq order and checks the links (prev_hash = previous row's hash, first row on the
 * genesis hash) and seq continuity. Reads in keyset pages, so memory stays flat on long chains. Checks the rows
 * present when it starts. A chain cut off at its end looks whole: keep a recent head (seq, hash) elsewhere to
 * detect that.
 */
export async function verifyAuditChain(
  query: AuditQuery,
  schema: string,
  onProgress?: (progress: AuditChainProgress) => void,
  { pageSize = 5000 }: VerifyAuditChainOptions = {},
): Promise<AuditChainVerdict> {
  const table = auditTable(schema);
  const [head] = await query(`SELECT coalesce(max(seq), 0)::text AS max, count(*)::text AS total FROM ${table}`);
  const maxSeq = Number(head?.['max'] ?? 0);
  const total = Number(head?.['total'] ?? 0);
  let rows = 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  const broken = (seq: number, problem: string): AuditChainVerdict => ({ ok: false, rows, brokenAt: seq, problem });

  while (lastSeq < maxSeq) {
    const page = await query(`SELECT ${AUDIT_COLUMNS} FROM ${table} a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT $3`, [
      String(lastSeq),
      String(maxSeq),
      pageSize,
    ]);
    if (page.length === 0) break;
    for (const row of page) {
      const record = recordFromRow(row);
      rows += 1;
      if (record.seq !== expectedSeq) return broken(expectedSeq, `seq ${expectedSeq} is missing (next row is seq ${record.seq})`);
      if (record.prevHash !== prevHash)
        return broken(record.seq, `prev_hash of seq ${record.seq} does not match the hash of seq ${record.seq - 1}`);
      if (auditHash(record) !== record.hash) return broken(record.seq, `hash of seq ${record.seq} does not match its content`);
      prevHash = record.hash;
      lastSeq = record.seq;
      expectedSeq += 1;
    }
    onProgress?.({ rows, lastSeq, total });
  }
  return { ok: true, rows };
}
