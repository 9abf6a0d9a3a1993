import { createHash } from 'node:crypto';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['allowed', 'denied', 'failed'];

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON values as jsonb stores them. */
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

/** One audited event: who did what to which record, on what authority, and with what outcome. */
export interface AuditEntry {
  /** Defaults to now; stored with millisecond precision. */
  occurredAt?: Date;
  /** The authenticated subject (token `sub`), or a service identity for system actions. */
  actorSubject: string;
  actorRoles: string[];
  actorAgency?: string | null;
  actorCounty?: string | null;
  /** e.g. read, create, update, share, deny, decode. */
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  recordCounty?: string | null;
  purpose?: string | null;
  /** The legal basis, e.g. 'wic-10850', 'consent:<id>', 'mdt:<id>'. */
  authority?: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  correlationId?: string | null;
  /** Non-personal extra facts (e.g. which field groups were disclosed). Never personal data: the log is kept for years. */
  details?: Record<string, unknown> | null;
}

/** A stored row: every field present (null when absent), with its chain position and hashes. */
export interface AuditRecord {
  seq: number;
  occurredAt: Date;
  actorSubject: string;
  actorRoles: string[];
  actorAgency: string | null;
  actorCounty: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  recordCounty: string | null;
  purpose: string | null;
  authority: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  correlationId: string | null;
  details: { [key: string]: AuditJson } | null;
  prevHash: string;
  hash: string;
}

export type UnhashedAuditRecord = Omit<AuditRecord, 'hash'>;

const optionalText = [
  'actorAgency',
  'actorCounty',
  'recordType',
  'recordId',
  'recordCounty',
  'purpose',
  'authority',
  'reason',
  'correlationId',
] as const;

/**
 * Validates an entry and brings it to the exact form the database stores and returns (nulls for absent fields,
 * milliseconds, details as JSON), so the hash computed before the insert is the one recomputed on verification.
 */
export function normalizeAuditEntry(entry: AuditEntry, now: () => Date = () => new Date()): Omit<UnhashedAuditRecord, 'seq' | 'prevHash'> {
  if (!entry || typeof entry !== 'object') throw new TypeError('Audit entry must be an object');
  const occurredAt = entry.occurredAt ?? now();
  if (
    !(occurredAt instanceof Date) ||
    Number.isNaN(occurredAt.getTime()) ||
    occurredAt.getUTCFullYear() < 1 ||
    occurredAt.getUTCFullYear() > 9999
  ) {
    throw new TypeError('Audit entry occurredAt must be a valid Date (years 1-9999)');
  }
  requireText(entry.actorSubject, 'actorSubject');
  requireText(entry.action, 'action');
  if (!Array.isArray(entry.actorRoles)) throw new TypeError('Audit entry actorRoles must be an array of strings');
  entry.actorRoles.forEach((role) => checkText(role, 'actorRoles[]'));
  if (!AUDIT_OUTCOMES.includes(entry.outcome)) throw new TypeError(`Audit entry outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`);
  const optional = Object.fromEntries(
    optionalText.map((field) => {
      const value = entry[field] ?? null;
      if (value !== null) checkText(value, field);
      return [field, value];
    }),
  ) as Record<(typeof optionalText)[number], string | null>;
  return {
    occurredAt: new Date(occurredAt.getTime()),
    actorSubject: entry.actorSubject,
    actorRoles: [...entry.actorRoles],
    action: entry.action,
    outcome: entry.outcome,
    ...optional,
    details: normalizeDetails(entry.details),
  };
}

function normalizeDetails(details: AuditEntry['details']): AuditRecord['details'] {
  if (details === undefined || details === null) return null;
  if (typeof details !== 'object' || Array.isArray(details)) throw new TypeError('Audit entry details must be a plain object');
  // A JSON round trip gives what jsonb keeps: no undefined, Dates as ISO strings, no functions.
  const json = JSON.parse(JSON.stringify(details)) as { [key: string]: AuditJson };
  visitStrings(json, (s) => checkText(s, 'details'));
  return json;
}

function visitStrings(value: AuditJson, check: (s: string) => void): void {
  if (typeof value === 'string') check(value);
  else if (Array.isArray(value)) value.forEach((v) => visitStrings(v, check));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      check(k);
      visitStrings(v, check);
    }
  }
}

function requireText(value: unknown, field: string): void {
  checkText(value, field);
  if ((value as string).length === 0) throw new TypeError(`Audit entry ${field} must not be empty`);
}

// PostgreSQL text cannot hold NUL, and the driver would replace a lone surrogate: the stored text would then differ
// from the hashed one. Refuse both up front.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function checkText(value: unknown, field: string): void {
  if (typeof value !== 'string') throw new TypeError(`Audit entry ${field} must be a string`);
  if (value.includes('\u0000') || loneSurrogate.test(value))
    throw new TypeError(`Audit entry ${field} contains a NUL character or invalid UTF-16`);
}

/** JSON with object keys sorted at every level: the same value always serializes to the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialize a ${typeof value}`);
  }
}

/** The exact text a row's hash covers (version 1). Timestamps are ISO strings with milliseconds. */
export function canonicalAuditText(record: UnhashedAuditRecord): string {
  return canonicalJson({
    v: 1,
    seq: String(record.seq),
    prevHash: record.prevHash,
    occurredAt: record.occurredAt.toISOString(),
    actorSubject: record.actorSubject,
    actorRoles: record.actorRoles,
    actorAgency: record.actorAgency,
    actorCounty: record.actorCounty,
    action: record.action,
    recordType: record.recordType,
    recordId: record.recordId,
    recordCounty: record.recordCounty,
    purpose: record.purpose,
    authority: record.authority,
    outcome: record.outcome,
    reason: record.reason,
    correlationId: record.correlationId,
    details: record.details,
  });
}

/** sha256 (hex) of the canonical text: each row's hash covers its content, its seq and the previous row's hash. */
export function auditHash(record: UnhashedAuditRecord): string {
  return createHash('sha256').update(canonicalAuditText(record), 'utf8').digest('hex');
}
