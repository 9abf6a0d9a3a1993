import { schemaMigration } from '@linkages/platform-persistence';

/**
 * The hash-chained, append-only audit log of one service, in its own schema. Each service lists
 * `createAuditMigration(schema)` among its migrations (after its messaging migration).
 */
export const createAuditMigration = (schema: string) =>
  schemaMigration('CreateAuditLog1766000000000', schema, {
    up: (s) => [
      // seq is assigned by AuditLog under an advisory lock, not by a sequence: a sequence leaves gaps on rollback.
      `
      CREATE TABLE ${s}.audit_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_subject text NOT NULL,
        actor_roles text[] NOT NULL,
        actor_agency text,
        actor_county text,
        action text NOT NULL,
        record_type text,
        record_id text,
        record_county text,
        purpose text,
        authority text,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
        reason text,
        correlation_id text,
        details jsonb,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      )`,
      // "Who looked at this record" and "what did this person do" are the questions auditors ask.
      `CREATE INDEX audit_log_record ON ${s}.audit_log (record_id, seq) WHERE record_id IS NOT NULL`,
      `CREATE INDEX audit_log_actor ON ${s}.audit_log (actor_subject, seq)`,
      `
      CREATE FUNCTION ${s}.audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`,
      // Statement-level, so even an UPDATE or DELETE matching no row is refused.
      `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.audit_log FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_log_refuse_change()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${s}.audit_log FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_log_refuse_change()`,
    ],
    down: (s) => [
      `DROP TRIGGER audit_log_no_truncate ON ${s}.audit_log`,
      `DROP TRIGGER audit_log_no_update_delete ON ${s}.audit_log`,
      `DROP TABLE ${s}.audit_log`,
      `DROP FUNCTION ${s}.audit_log_refuse_change()`,
    ],
  });
