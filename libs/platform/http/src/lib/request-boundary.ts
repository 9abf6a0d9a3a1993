import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemException, type FieldError } from './problem-registry';

// What every request must satisfy before any route, guard or interceptor sees it, checked once for every service
// by Express middleware (bootstrap.ts): a body, if any, is JSON; it and the query are neither nested deeper than
// `maxJsonDepth`, nor hold a NUL character (PostgreSQL refuses one in text), nor a date with an implausible year.
// Each refusal is an RFC 9457 problem naming the field, never quoting the value.

/** Deepest nesting of objects and arrays a body may have. Ours need 5; JSON.stringify overflows the stack near 5,000. */
export const maxJsonDepth = 32;

/**
 * The years a date (`YYYY-MM-DD`, alone or starting an ISO 8601 date-time) may have, anywhere in a body or the
 * query. Every date the services take is of living people and open cases (births, removals, hearings, deadlines), so
 * 1900–2200 loses nothing real, and keeps out years 0000/0001 (PostgreSQL has no year 0; date arithmetic near year 1
 * leaves the range of the clocks).
 */
export const plausibleYears = { min: 1900, max: 2200 } as const;

const isoDateShape = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Whether `year` (of a `YYYY-MM-DD` date) is in `plausibleYears`. */
export const isPlausibleYear = (year: number) => year >= plausibleYears.min && year <= plausibleYears.max;
export const implausibleYearMessage = `must be a date between the years ${plausibleYears.min} and ${plausibleYears.max}`;

/**
 * A field's name in a problem (`body.members.0.ssn`), safe to send back. Schema field names are plain identifiers;
 * a segment that is not (letters, digits, `_` and `-`, 1–64 characters) can only be a key the client made up (a
 * record's key, an unknown property) and is written `*`: the answer never reflects arbitrary client text.
 */
export function safeFieldPath(part: string, segments: readonly PropertyKey[]): string {
  return [part, ...segments.map(safeSegment)].join('.');
}
const safeSegment = (segment: PropertyKey) =>
  typeof segment === 'number' || (typeof segment === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(segment)) ? String(segment) : '*';

/**
 * What is wrong with one request part (a parsed JSON body, the query), at most `limit` field errors. Walks the
 * value with its own stack (no recursion), so a deep body is refused, not a stack overflow.
 */
export function boundaryErrorsOf(value: unknown, part: string, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: PropertyKey[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  for (let next = pending.pop(); next !== undefined && errors.length < limit; next = pending.pop()) {
    const { value: node, path, depth } = next;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) errors.push({ field: safeFieldPath(part, path), message: 'must not contain a NUL character (\\u0000)' });
      else {
        const date = isoDateShape.exec(node);
        if (date && !isPlausibleYear(Number(date[1]))) errors.push({ field: safeFieldPath(part, path), message: implausibleYearMessage });
      }
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxJsonDepth) return [{ field: part, message: `is nested deeper than ${maxJsonDepth} levels` }];
    const children: { value: unknown; path: PropertyKey[]; depth: number }[] = [];
    if (Array.isArray(node)) node.forEach((item, i) => children.push({ value: item, path: [...path, i], depth: depth + 1 }));
    else
      for (const [key, item] of Object.entries(node)) {
        if (key.includes('\u0000'))
          errors.push({ field: safeFieldPath(part, [...path, key]), message: 'a property name must not contain a NUL character' });
        children.push({ value: item, path: [...path, key], depth: depth + 1 });
      }
    // In reverse, so that the errors come in the order of the document.
    for (const child of children.reverse()) pending.push(child);
  }
  return errors.slice(0, limit);
}

/** `application/json` or a `+json` type (`application/merge-patch+json`), parameters (charset) aside. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const type = ((contentType ?? '').split(';', 1)[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9!#$&^_.-]+\+json$/.test(type);
}

/** A request carries a body when it says so (a length above 0, or chunked), as body-parser decides. */
export const hasRequestBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

type Next = (error?: unknown) => void;

/**
 * Express middleware before the JSON parser: the APIs take JSON only, so a request that carries a body of another
 * type (a form, text, multipart, none named) is a 415 before it is read. Requests without a body pass.
 */
export function jsonBodiesOnly(req: IncomingMessage, _res: ServerResponse, next: Next): void {
  if (hasRequestBody(req) && !isJsonMediaType(req.headers['content-type'])) {
    next(problemException('unsupported-media-type', 'This API takes request bodies as JSON only (Content-Type: application/json)'));
    return;
  }
  next();
}

type ParsedRequest = IncomingMessage & { body?: unknown; query?: unknown; originalUrl?: string };

/**
 * Express middleware after the JSON parser, before routing: the path, the query and the body are checked as
 * `boundaryErrorsOf` says (a NUL, encoded `%00` in the path), and a request that fails is a 400 validation problem.
 */
export function requestBoundaryCheck(req: ParsedRequest, _res: ServerResponse, next: Next): void {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
  const errors: FieldError[] = [
    ...(/%00/i.test(path) ? [{ field: 'path', message: 'must not contain a NUL character (%00)' }] : []),
    ...boundaryErrorsOf(req.query, 'query'),
    ...boundaryErrorsOf(req.body, 'body'),
  ];
  if (errors.length === 0) {
    next();
    return;
  }
  next(problemException('validation', `The request is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'})`, { errors }));
}
