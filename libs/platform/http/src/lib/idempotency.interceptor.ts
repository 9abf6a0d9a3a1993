import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import { FIELD_CIPHER, type FieldCipher } from '@linkages/platform-crypto';
import { assertSchemaName } from '@linkages/platform-persistence';
import { ApiProblems } from './api-responses';
import { updateHashWithJson } from './json-hash';
import { problemException } from './problem-registry';
import { routeTemplate } from './route-template';

/** The caller, as the auth guard left it on the request (keys are per user). */
type CallerRequest = Request & { principal?: { subject: string } };

/** Keys are kept this long; a retry after that is a new request. */
export const idempotencyRetentionHours = 24;
const keyPattern = /^[\x21-\x7e]{8,200}$/;

/**
 * A creating POST must carry `Idempotency-Key`. The first request with a key runs; a repeat with the same key and
 * the same body gets the first response again (`Idempotent-Replayed: true`) and changes nothing; the same key with
 * another body is a 422; a repeat while the first is still running is a 409. Keys are per user. Stored responses
 * are encrypted (they may hold personal data). A failed request frees its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly table: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_IDENTITY) service: ServiceIdentity,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {
    this.table = `"${assertSchemaName(service.schema)}".idempotency_keys`;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.run(context, next));
  }

  private async run(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const req = context.switchToHttp().getRequest<CallerRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (!key || !keyPattern.test(key)) {
      throw problemException(
        'idempotency-key-required',
        'Creating requests need an Idempotency-Key header of 8–200 visible ASCII characters (a UUID is a good choice)',
      );
    }
    const subject = req.principal?.subject ?? 'anonymous';
    const route = `${req.method} ${routeTemplate(req)}`;
    // The same digest as JSON.stringify gave (keys stored before stay valid), without recursion: a deep body cannot
    // overflow the stack here, whether or not the boundary (request-boundary.ts) refused it first.
    const hash = createHash('sha256').update(route).update('\u0000');
    updateHashWithJson(hash, req.params ?? {}).update('\u0000');
    const requestHash = updateHashWithJson(hash, req.body ?? null).digest('hex');
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE created_at < now() - make_interval(hours => $1)`, [
      idempotencyRetentionHours,
    ]);
    const inserted = (await this.dataSource.query(
      `INSERT INTO ${this.table} (subject, key, route, request_hash, state) VALUES ($1, $2, $3, $4, 'in-progress') ON CONFLICT (subject, key) DO NOTHING RETURNING key`,
      [subject, key, route, requestHash],
    )) as unknown[];
    if (inserted.length === 0) return this.replay(subject, key, route, requestHash, res);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const stored = body === undefined ? null : this.cipher.encrypt(JSON.stringify(body), `idempotency:${subject}:${key}`);
      await this.dataSource.query(`UPDATE ${this.table} SET state = 'completed', response_body = $3 WHERE subject = $1 AND key = $2`, [
        subject,
        key,
        stored,
      ]);
      return body;
    } catch (error) {
      await this.dataSource.query(`DELETE FROM ${this.table} WHERE subject = $1 AND key = $2`, [subject, key]);
      throw error;
    }
  }

  private async replay(subject: string, key: string, route: string, requestHash: string, res: Response): Promise<unknown> {
    const [row] = (await this.dataSource.query(
      `SELECT route, request_hash, state, response_body FROM ${this.table} WHERE subject = $1 AND key = $2`,
      [subject, key],
    )) as {
      route: string;
      request_hash: string;
      state: string;
      response_body: string | null;
    }[];
    if (!row) throw problemException('idempotency-key-in-use', 'A request with this Idempotency-Key just finished or failed; retry');
    if (row.request_hash !== requestHash || row.route !== route) {
      throw problemException(
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different request; use a new key for a new request',
      );
    }
    if (row.state !== 'completed') {
      throw problemException('idempotency-key-in-use', 'A request with this Idempotency-Key is still being processed; retry later');
    }
    res.setHeader('Idempotent-Replayed', 'true');
    return row.response_body === null ? undefined : JSON.parse(this.cipher.decrypt(row.response_body, `idempotency:${subject}:${key}`));
  }
}

/** A write that must not happen twice: requires `Idempotency-Key` and replays the first response to repeats. */
export const IdempotentCreate = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      // keyPattern, as JSON Schema: what the interceptor takes is what the document says.
      schema: { type: 'string', minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]{8,200}$' },
      description:
        'Unique per logical request (e.g. a UUID). A repeat with the same key and body returns the first response and changes nothing; kept 24 hours.',
    }),
    ApiProblems('idempotency-key-required', 'idempotency-key-in-use', 'idempotency-key-reused'),
  );
