import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, NotFoundException, Post, Req, UnauthorizedException, BadRequestException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { EncryptionCodec, parseEncryptionKeys } from '@linkages/platform-temporal';
import type { ServiceConfig } from '@linkages/platform-config';
import type { Logger } from '@linkages/platform-logging';
import { SERVICE_CONFIG } from './service-descriptor';
import { LOGGER } from './tokens';

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/**
 * Temporal codec server (the protocol the Web UI and `temporal --codec-endpoint` speak): POST /codec/decode and
 * /codec/encode with `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`. Decoding reveals personal data, so
 * every call needs the operators' bearer token, and every decode is logged with who asked (no payload content).
 */
@ApiTags('temporal codec')
@ApiBearerAuth()
@Controller('codec')
export class CodecController {
  private readonly codec: EncryptionCodec;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.codec = new EncryptionCodec(parseEncryptionKeys(config.TEMPORAL_ENCRYPTION_KEYS));
  }

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt Temporal payloads for an authorized operator' })
  @ApiOkResponse({ description: 'The decoded payloads' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token' })
  async decode(@Req() req: Request, @Body() body: { payloads?: JsonPayload[] }): Promise<{ payloads: JsonPayload[] }> {
    this.authorize(req);
    const out = await this.codec.decode(fromJson(body));
    this.logger.info({ namespace: req.header('x-namespace') ?? 'default', payloads: out.length }, 'Codec server decoded payloads');
    return { payloads: out.map(toJson) };
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt Temporal payloads (e.g. for a signal sent from the UI)' })
  @ApiOkResponse({ description: 'The encoded payloads' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token' })
  async encode(@Req() req: Request, @Body() body: { payloads?: JsonPayload[] }): Promise<{ payloads: JsonPayload[] }> {
    this.authorize(req);
    return { payloads: (await this.codec.encode(fromJson(body))).map(toJson) };
  }

  private authorize(req: Request): void {
    const expected = this.config.CODEC_SERVER_TOKEN;
    if (!expected) throw new NotFoundException('The codec server is not enabled (CODEC_SERVER_TOKEN is not set)');
    const given = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      this.logger.warn({ ip: req.ip }, 'Codec server request refused');
      throw new UnauthorizedException('A valid bearer token is required');
    }
  }
}

function fromJson(body: { payloads?: JsonPayload[] }) {
  if (!body || !Array.isArray(body.payloads)) throw new BadRequestException('Body must be { payloads: [...] }');
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
