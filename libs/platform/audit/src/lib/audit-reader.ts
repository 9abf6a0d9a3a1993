import pg from 'pg';
import { auditLogExists, auditQuery, readAuditEntries, type AuditListFilter, type AuditQuery } from './audit-query';
import type { AuditRecord } from './audit-record';
import { verifyAuditChain, type AuditChainProgress, type AuditChainVerdict } from './verify-audit-chain';

/** Read-only access to the audit logs of any schema, for operators' tools (`npm run audit`). */
export class AuditReader {
  private readonly query: AuditQuery;

  private constructor(private readonly client: pg.Client) {
    this.query = auditQuery(client);
  }

  static async open(databaseUrl: string, applicationName = 'linkages-audit'): Promise<AuditReader> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    await client.connect();
    return new AuditReader(client);
  }

  hasAuditLog(schema: string): Promise<boolean> {
    return auditLogExists(this.query, schema);
  }

  verify(schema: string, onProgress?: (progress: AuditChainProgress) => void): Promise<AuditChainVerdict> {
    return verifyAuditChain(this.query, schema, onProgress);
  }

  list(schema: string, filter?: AuditListFilter): Promise<AuditRecord[]> {
    return readAuditEntries(this.query, schema, filter);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
