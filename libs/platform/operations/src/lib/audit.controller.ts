import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { auditActor, CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { type Principal } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditChainVerdict, type AuditLog, type AuditRecord } from '@linkages/platform-audit';
import { ZodValidationPipe } from '@linkages/platform-http';

const entriesQuery = z.strictObject({
  recordId: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The service's audit trail for compliance reviews: who read, changed, shared or was refused what, on which
 * authority. Entries hold ids and legal bases, never personal data. Reading the trail is itself audited.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  @Get('entries')
  @Requires('audit.read')
  @ApiOperation({ summary: 'Recent audit entries, newest first, optionally for one record or one actor' })
  @ApiQuery({ name: 'recordId', required: false })
  @ApiQuery({ name: 'actor', required: false, description: 'Token subject' })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiOkResponse({ description: 'Audit entries with their chain position and hashes' })
  async entries(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(entriesQuery, 'query')) query: z.output<typeof entriesQuery>, @CorrelationId() correlationId: string): Promise<AuditRecord[]> {
    const entries = await this.audit.list({ limit: query.limit, ...(query.recordId ? { recordId: query.recordId } : {}), ...(query.actor ? { actorSubject: query.actor } : {}) });
    await this.audit.append({ ...auditActor(principal), action: 'read', recordType: 'audit-log', recordId: query.recordId ?? null, purpose: 'audit review', outcome: 'allowed', correlationId, details: { results: entries.length } });
    return entries;
  }

  @Get('verify')
  @Requires('audit.read')
  @ApiOperation({ summary: 'Recompute this service’s hash chain (as `npm run audit -- verify` does)' })
  @ApiOkResponse({ description: '`ok`, rows checked, and the first broken position if any' })
  verify(): Promise<AuditChainVerdict> {
    return this.audit.verify();
  }
}
