import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { auditActor, CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { type Principal } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditChainVerdict, type AuditLog, type AuditRecord } from '@linkages/platform-audit';
import { ApiProblems, ApiSuccess, ZodValidationPipe, openApiSchemaOf, schemaMatches, type MatchesSchema } from '@linkages/platform-http';

const entriesQuery = z.strictObject({
  recordId: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const nullableText = z.string().nullable();
const auditEntryResponse = z.object({
  seq: z.number().int(),
  occurredAt: z.string().describe('ISO 8601 instant'),
  actorSubject: z.string(),
  actorRoles: z.array(z.string()),
  actorAgency: nullableText,
  actorCounty: nullableText,
  action: z.string().describe('read, create, update, share, access, decode, …'),
  recordType: nullableText,
  recordId: nullableText,
  recordCounty: nullableText,
  purpose: nullableText,
  authority: nullableText.describe('The legal basis, e.g. wic-10850, consent:<id>'),
  outcome: z.enum(['allowed', 'denied', 'failed']),
  reason: nullableText,
  correlationId: nullableText,
  details: z.record(z.string(), z.unknown()).nullable().describe('Non-personal extra facts'),
  prevHash: z.string(),
  hash: z.string(),
});
const auditVerdictResponse = z.object({
  ok: z.boolean(),
  rows: z.number().int().describe('Rows checked (up to and including the first broken one)'),
  brokenAt: z.number().int().optional().describe('The first seq at which the chain does not hold'),
  problem: z.string().optional(),
});
// Dates leave as ISO strings; otherwise the record as stored.
schemaMatches<
  MatchesSchema<
    Omit<AuditRecord, 'occurredAt' | 'details'> & { occurredAt: string; details: Record<string, unknown> | null },
    typeof auditEntryResponse
  >
>();
schemaMatches<MatchesSchema<AuditChainVerdict, typeof auditVerdictResponse>>();

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
  @ApiQuery({ name: 'recordId', required: false, schema: openApiSchemaOf(entriesQuery.shape.recordId, 'input') })
  @ApiQuery({ name: 'actor', required: false, description: 'Token subject', schema: openApiSchemaOf(entriesQuery.shape.actor, 'input') })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: '1–500, default 50',
    schema: openApiSchemaOf(entriesQuery.shape.limit, 'input'),
  })
  @ApiSuccess(z.array(auditEntryResponse), { status: 200, description: 'Audit entries with their chain position and hashes' })
  @ApiProblems('validation')
  async entries(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(entriesQuery, 'query')) query: z.output<typeof entriesQuery>,
    @CorrelationId() correlationId: string,
  ): Promise<AuditRecord[]> {
    const entries = await this.audit.list({
      limit: query.limit,
      ...(query.recordId ? { recordId: query.recordId } : {}),
      ...(query.actor ? { actorSubject: query.actor } : {}),
    });
    await this.audit.append({
      ...auditActor(principal),
      action: 'read',
      recordType: 'audit-log',
      recordId: query.recordId ?? null,
      purpose: 'audit review',
      outcome: 'allowed',
      correlationId,
      details: { results: entries.length },
    });
    return entries;
  }

  @Get('verify')
  @Requires('audit.read')
  @ApiOperation({ summary: 'Recompute this service’s hash chain (as `npm run audit -- verify` does)' })
  @ApiSuccess(auditVerdictResponse, { status: 200, description: '`ok`, rows checked, and the first broken position if any' })
  verify(): Promise<AuditChainVerdict> {
    return this.audit.verify();
  }
}
