import { Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { auditActor, CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { type Principal } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { type DeadLetter } from '@linkages/platform-messaging';
import {
  ApiJsonBody,
  ApiProblems,
  ApiSuccess,
  ValidBody,
  ValidParam,
  ZodValidationPipe,
  openApiSchemaOf,
  problemException,
  schemaMatches,
  type MatchesSchema,
} from '@linkages/platform-http';
import { DeadLetterDesk, type ReplayResult, type ScopedDeadLetter } from './dead-letter-desk';
import {
  alreadyReplayed,
  deadLetterDetail,
  deadLetterKey,
  deadLetterList,
  deadLetterNotFound,
  deadLettersQuery,
  replayBody,
  replayResults,
  type DeadLetterDetail,
  type DeadLettersQuery,
  type DeadLetterSummary,
  type ReplayBody,
} from './dead-letters.schemas';

/** At most this many replay requests (single or bulk) per principal per minute, apart from the service-wide limit. */
export const replayRequestsPerMinute = 10;
const replayThrottle = Throttle({
  default: {
    limit: replayRequestsPerMinute,
    ttl: 60_000,
    generateKey: (_context, tracker, name) => `${name}:dead-letter-replay:${tracker}`,
  },
});

const shownHeader = /^(ce_|content-type$|x-dlq-|x-replay)/;
const headerText = (value: unknown): string | undefined => {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
};

function summaryOf({ key, letter, replayedAt }: ScopedDeadLetter): DeadLetterSummary {
  const header = (name: string) => headerText(letter.headers[name]);
  const attempts = header('x-dlq-attempts');
  return {
    key,
    eventId: header('ce_id') ?? null,
    topic: letter.originalTopic,
    deadLetterTopic: letter.dlqTopic,
    partition: letter.originalPartition,
    offset: letter.originalOffset,
    type: letter.type ?? null,
    reason: letter.reason,
    failedAt: letter.failedAt,
    attempts: attempts === undefined ? null : Number(attempts),
    consumerGroup: header('x-dlq-consumer-group') ?? null,
    replayedAt: replayedAt?.toISOString() ?? null,
  };
}

function detailOf(scoped: ScopedDeadLetter): DeadLetterDetail {
  const letter: DeadLetter = scoped.letter;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(letter.headers)) {
    const text = headerText(value);
    if (shownHeader.test(name) && text !== undefined) headers[name] = text;
  }
  return {
    ...summaryOf(scoped),
    headers,
    errors: letter.errors,
    recordKey: letter.key,
    payloadBytes: letter.value?.length ?? 0,
    payloadWithheld:
      'A dead letter’s body is whatever the consumer refused: bytes that failed the envelope or the schema, or a payload with fields beyond its contract (payload schemas are not strict), so it may hold personal data in the clear. The console never shows it; an operator on the host reads it with `npm run dlq -- show <key>`.',
  };
}

schemaMatches<MatchesSchema<{ items: DeadLetterSummary[] }, typeof deadLetterList>>();
schemaMatches<MatchesSchema<DeadLetterDetail, typeof deadLetterDetail>>();
schemaMatches<MatchesSchema<{ results: { key: string; outcome: ReplayResult['outcome'] }[] }, typeof replayResults>>();

/**
 * The service's dead letters for operators (the console's operations pages; `npm run dlq` on the host does the
 * same): the letters its consumer group wrote for the catalog topics it consumes, one letter's headers and errors,
 * and replay to the original topic (once per letter, recorded in the ledger `npm run dlq` keeps, audited per letter,
 * at most ten replay requests a minute per operator). Letter keys hold slashes: URL-encode them in a path.
 */
@ApiTags('operations')
@Controller('ops/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly desk: DeadLetterDesk,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  @Get()
  @Requires('dead-letter.read')
  @ApiOperation({ summary: 'This service’s dead letters, newest failure first (never their bodies)' })
  @ApiQuery({
    name: 'topic',
    required: false,
    description: 'A catalog topic name',
    schema: openApiSchemaOf(deadLettersQuery.shape.topic, 'input'),
  })
  @ApiQuery({
    name: 'status',
    required: false,
    description: 'Default pending',
    schema: openApiSchemaOf(deadLettersQuery.shape.status, 'input'),
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: '1–500, default 100',
    schema: openApiSchemaOf(deadLettersQuery.shape.limit, 'input'),
  })
  @ApiSuccess(deadLetterList, { status: 200, description: 'The dead letters with their reason and replay state' })
  @ApiProblems('validation')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(deadLettersQuery, 'query')) query: DeadLettersQuery,
    @CorrelationId() correlationId: string,
  ): Promise<{ items: DeadLetterSummary[] }> {
    const letters = (await this.desk.list(query.topic)).filter(
      (l) => query.status === 'all' || (query.status === 'replayed') === (l.replayedAt !== null),
    );
    const items = letters
      .map(summaryOf)
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt) || b.key.localeCompare(a.key))
      .slice(0, query.limit);
    await this.audit.append({
      ...auditActor(principal),
      action: 'read',
      recordType: 'dead-letters',
      recordId: query.topic ?? null,
      purpose: 'operations',
      outcome: 'allowed',
      correlationId,
      details: { status: query.status, results: items.length },
    });
    return { items };
  }

  @Get(':key')
  @Requires('dead-letter.read')
  @ApiOperation({ summary: 'One dead letter: its headers, errors and body size (the body itself is withheld)' })
  @ApiParam({ name: 'key', description: '`<dead-letter topic>/<partition>/<offset>`, URL-encoded (`%2F` for each slash)' })
  @ApiSuccess(deadLetterDetail, { status: 200, description: 'The dead letter' })
  @ApiProblems('validation', 'not-found')
  async show(
    @CurrentPrincipal() principal: Principal,
    @ValidParam('key', deadLetterKey) key: string,
    @CorrelationId() correlationId: string,
  ): Promise<DeadLetterDetail> {
    const found = await this.desk.find(key);
    await this.audit.append({
      ...auditActor(principal),
      action: 'read',
      recordType: 'dead-letter',
      recordId: key,
      purpose: 'operations',
      outcome: found ? 'allowed' : 'denied',
      reason: found ? null : 'not-found',
      correlationId,
    });
    if (!found) throw problemException('not-found', deadLetterNotFound);
    return detailOf(found);
  }

  @Post('replay')
  @Requires('dead-letter.replay')
  @replayThrottle
  @ApiOperation({ summary: 'Replay several dead letters to their original topics; each key reports its outcome' })
  @ApiJsonBody(replayBody)
  @ApiSuccess(replayResults, { status: 200, description: 'One outcome per distinct key: replayed, already-replayed or not-found' })
  async replayMany(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(replayBody) body: ReplayBody,
    @CorrelationId() correlationId: string,
  ): Promise<{ results: { key: string; outcome: ReplayResult['outcome'] }[] }> {
    const results = await this.replay(principal, body.keys, correlationId);
    return { results: results.map(({ key, outcome }) => ({ key, outcome })) };
  }

  @Post(':key/replay')
  @Requires('dead-letter.replay')
  @replayThrottle
  @ApiOperation({ summary: 'Replay one dead letter to its original topic (once: a second replay is refused)' })
  @ApiParam({ name: 'key', description: '`<dead-letter topic>/<partition>/<offset>`, URL-encoded (`%2F` for each slash)' })
  @ApiSuccess(replayResults, { status: 200, description: 'The letter was published to its original topic again' })
  @ApiProblems('validation', 'not-found', alreadyReplayed)
  async replayOne(
    @CurrentPrincipal() principal: Principal,
    @ValidParam('key', deadLetterKey) key: string,
    @CorrelationId() correlationId: string,
  ): Promise<{ results: { key: string; outcome: ReplayResult['outcome'] }[] }> {
    const [result] = await this.replay(principal, [key], correlationId);
    if (!result || result.outcome === 'not-found') throw problemException('not-found', deadLetterNotFound);
    if (result.outcome === 'already-replayed')
      throw problemException(alreadyReplayed, 'This dead letter was replayed before; it is not published again', {
        replayedAt: result.replayedAt?.toISOString() ?? null,
      });
    return { results: [{ key: result.key, outcome: result.outcome }] };
  }

  private async replay(principal: Principal, keys: readonly string[], correlationId: string): Promise<ReplayResult[]> {
    const results = await this.desk.replay(keys, principal.subject);
    await this.audit.appendMany(
      results.map((r) => ({
        ...auditActor(principal),
        action: 'replay',
        recordType: 'dead-letter',
        recordId: r.key,
        purpose: 'operations',
        outcome: r.outcome === 'replayed' ? ('allowed' as const) : ('denied' as const),
        reason: r.outcome === 'replayed' ? null : r.outcome,
        correlationId,
        details: { eventId: r.letter ? (headerText(r.letter.headers['ce_id']) ?? null) : null, topic: r.letter?.originalTopic ?? null },
      })),
    );
    return results;
  }
}
