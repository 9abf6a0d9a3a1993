import { Controller, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EncryptionCodec, PayloadDecodeError, parseEncryptionKeys, type PayloadDecodeFailure } from '@linkages/platform-temporal';
import { auditActor, CorrelationId, CurrentPrincipal, Requires, type AuthenticatedRequest } from '@linkages/platform-auth';
import { type Principal } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import { ApiJsonBody, ApiProblems, ApiSuccess, ValidBody, problemException } from '@linkages/platform-http';
import { payloadUndecodable } from './codec.problems';

const base64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const payloadsBody = z.object({
  // Absent when there is nothing to code: protojson omits an empty list (a Temporal query with no arguments).
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() }))
    .max(1000)
    .default([]),
});
type PayloadsBody = z.infer<typeof payloadsBody>;
const payloadsResponse = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })),
});
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** What an operator is told of a payload that cannot be decoded (no key id, no key material, no stack). */
const failureText: Record<PayloadDecodeFailure, string> = {
  'unknown-key': 'it is encrypted with a key this service does not hold',
  'not-authentic': 'it does not decrypt: altered, truncated or sealed with another key',
  malformed: 'it decrypts to no Temporal payload',
};

/**
 * Temporal codec server (the protocol the Web UI and `temporal --codec-endpoint` speak): POST /codec/decode and
 * /codec/encode with `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`. Decoding reveals personal data:
 * only the `ops` role may, and every decode is audited (who, which namespace, how many payloads; no content), a
 * failed one too (outcome `failed`, why, which payload). A payload that cannot be decoded is a 422
 * `payload-undecodable` problem, never a 500. Both are transformations, not creations: 200.
 */
@ApiTags('temporal codec')
@Controller('codec')
export class CodecController {
  private readonly codec: EncryptionCodec;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {
    this.codec = new EncryptionCodec(parseEncryptionKeys(config.TEMPORAL_ENCRYPTION_KEYS));
  }

  @Post('decode')
  @Requires('payloads.decode')
  @ApiOperation({ summary: 'Decrypt Temporal payloads for an authorized operator (audited)' })
  @ApiJsonBody(payloadsBody)
  @ApiSuccess(payloadsResponse, { status: 200, description: 'The decoded payloads' })
  @ApiProblems('validation', payloadUndecodable)
  async decode(
    @Req() req: AuthenticatedRequest,
    @ValidBody(payloadsBody) body: PayloadsBody,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<{ payloads: JsonPayload[] }> {
    const entry = {
      ...auditActor(principal),
      action: 'decode',
      recordType: 'temporal-payloads',
      recordId: req.header('x-namespace') ?? 'default',
      purpose: 'operations',
      correlationId,
    };
    let out: Awaited<ReturnType<EncryptionCodec['decode']>>;
    try {
      out = await this.codec.decode(fromJson(body));
    } catch (error) {
      // A failed decode is audited as well: who tried, on which namespace, which payload and why (no content).
      const decodeError = error instanceof PayloadDecodeError ? error : undefined;
      await this.audit.append({
        ...entry,
        outcome: 'failed',
        reason: decodeError ? `payload-undecodable: ${decodeError.failure}` : 'decode-error',
        details: {
          payloads: body.payloads.length,
          ...(decodeError ? { payloadIndex: decodeError.index, failure: decodeError.failure, keyId: decodeError.keyId } : {}),
        },
      });
      if (!decodeError) throw error;
      throw problemException(payloadUndecodable, `Payload ${decodeError.index} cannot be decoded: ${failureText[decodeError.failure]}`, {
        payloadIndex: decodeError.index,
        failure: decodeError.failure,
      });
    }
    await this.audit.append({ ...entry, outcome: 'allowed', details: { payloads: out.length } });
    return { payloads: out.map(toJson) };
  }

  @Post('encode')
  @Requires('payloads.decode')
  @ApiOperation({ summary: 'Encrypt Temporal payloads (e.g. for a signal sent from the UI)' })
  @ApiJsonBody(payloadsBody)
  @ApiSuccess(payloadsResponse, { status: 200, description: 'The encoded payloads' })
  @ApiProblems('validation')
  async encode(@ValidBody(payloadsBody) body: PayloadsBody): Promise<{ payloads: JsonPayload[] }> {
    return { payloads: (await this.codec.encode(fromJson(body))).map(toJson) };
  }
}

function fromJson(body: PayloadsBody) {
  return body.payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));
}

function toJson(p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}
