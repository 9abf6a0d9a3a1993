import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The header a request's correlation id travels in, both ways. */
export const correlationIdHeader = 'x-correlation-id';
const correlationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

type CorrelatedRequest = IncomingMessage & { correlationId?: string };

/**
 * The request's correlation id: the caller's `x-correlation-id` when it is a plain token (1–128 of letters, digits,
 * `._:-`), else a new UUID. Decided once per request and set on the response, so every answer carries it: the
 * bootstrap middleware does it first thing, and the auth guard and the problem+json filter fall back to it (an app
 * built without the bootstrap still answers its errors with it).
 */
export function correlationIdOf(req: CorrelatedRequest, res?: ServerResponse): string {
  if (!req.correlationId) {
    const given = req.headers[correlationIdHeader];
    req.correlationId = typeof given === 'string' && correlationIdPattern.test(given) ? given : randomUUID();
  }
  if (res && !res.headersSent && res.getHeader(correlationIdHeader) === undefined) res.setHeader(correlationIdHeader, req.correlationId);
  return req.correlationId;
}

/** Express middleware, registered before everything else: early answers (body-parser errors, 404s) carry the id too. */
export function correlationIdMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  correlationIdOf(req, res);
  next();
}
