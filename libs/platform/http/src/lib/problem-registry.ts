import { HttpException } from '@nestjs/common';
import { z } from 'zod';

/** Problem types are URIs under this base (RFC 9457 `type`); the slug names the problem. */
export const problemTypeBase = 'https://linkages.example.org/problems/';
export const problemType = (slug: string) => `${problemTypeBase}${slug}`;

/** One failing field: where, and why (never the rejected value: it may be personal data). */
export const fieldErrorSchema = z.object({
  field: z.string().describe('Where: `body.members.0.ssn`, `path.caseId`, `query.limit`'),
  message: z.string().describe('Why; never the rejected value'),
});
export type FieldError = z.output<typeof fieldErrorSchema>;

/**
 * A problem a service can answer with: its slug (the `type` URI ends with it), HTTP status, title (fixed per type),
 * what it means to a client, and the members it adds to the RFC 9457 body. The code that raises a problem and the
 * OpenAPI documents both read this, so a type, its status and its title are written once.
 */
export interface ProblemDefinition {
  slug: string;
  status: number;
  title: string;
  description: string;
  /** Extension members of the body (beyond type, title, status, detail, instance). */
  extensions?: z.ZodRawShape;
  /** For the body-parser problems: the parser's error type, and the fixed detail answered instead of its message. */
  parser?: { type: string; detail: string };
}

/** A problem defined beside the rule that raises it (a domain's refusal), in the same shape as the platform's. */
export const defineProblem = <const P extends ProblemDefinition>(problem: P): P => problem;

const parserProblem = (slug: string, status: number, title: string, type: string, detail: string): ProblemDefinition => ({
  slug,
  status,
  title,
  description: `${detail} (answered by the body parser before any route runs; the body is never quoted back).`,
  parser: { type, detail },
});

/**
 * Every problem the platform raises, and the ones every domain shares (not-found, no-sharing-authority,
 * impossible-sequence). A domain's own refusals are `defineProblem(...)` beside their rule
 * (child welfare's AB 2085 refusal, referrals' already-revoked) and are documented the same way.
 */
export const problemRegistry = {
  validation: {
    slug: 'validation',
    status: 400,
    title: 'Invalid request',
    description: 'The body, a path parameter or the query does not match the schema; `errors` names every failing field.',
    extensions: { errors: z.array(fieldErrorSchema).describe('Every failing field') },
  },
  'malformed-json': parserProblem('malformed-json', 400, 'Bad Request', 'entity.parse.failed', 'The request body is not valid JSON'),
  'request-aborted': parserProblem('request-aborted', 400, 'Bad Request', 'request.aborted', 'The request was aborted'),
  'malformed-body': parserProblem('malformed-body', 403, 'Forbidden', 'entity.verify.failed', 'The request body could not be read'),
  'payload-too-large': parserProblem(
    'payload-too-large',
    413,
    'Payload Too Large',
    'entity.too.large',
    'The request body is larger than this API accepts',
  ),
  'unsupported-encoding': parserProblem(
    'unsupported-encoding',
    415,
    'Unsupported Media Type',
    'encoding.unsupported',
    'The request body encoding is not supported',
  ),
  'unsupported-charset': parserProblem(
    'unsupported-charset',
    415,
    'Unsupported Media Type',
    'charset.unsupported',
    'The request body charset is not supported',
  ),
  'unsupported-media-type': {
    slug: 'unsupported-media-type',
    status: 415,
    title: 'Unsupported Media Type',
    description:
      'The request carries a body that is not JSON (a form, text, multipart, or no Content-Type): bodies are `application/json` (or a `+json` type). Answered before the body is read.',
  },
  'bad-request': {
    slug: 'bad-request',
    status: 400,
    title: 'Bad Request',
    description: 'The request could not be read (any other body-parser failure).',
  },
  'idempotency-key-required': {
    slug: 'idempotency-key-required',
    status: 400,
    title: 'Idempotency key required',
    description: 'A creating request without an `Idempotency-Key` header of 8–200 visible ASCII characters.',
  },
  unauthenticated: {
    slug: 'unauthenticated',
    status: 401,
    title: 'Unauthorized',
    description: 'No bearer token (`WWW-Authenticate: Bearer`).',
  },
  'invalid-token': {
    slug: 'invalid-token',
    status: 401,
    title: 'Unauthorized',
    description: 'The bearer token is expired, not yet valid, of another issuer or audience, or its signature does not verify.',
    extensions: { reason: z.string().describe('Why the token was refused (expired, signature, claims, …)') },
  },
  forbidden: {
    slug: 'forbidden',
    status: 403,
    title: 'Forbidden',
    description: 'The caller’s roles do not grant the route’s permission (audited).',
    extensions: { permission: z.string().describe('The permission the route requires') },
  },
  'no-route-policy': {
    slug: 'no-route-policy',
    status: 403,
    title: 'Forbidden',
    description: 'The route declares no access policy, so it is closed (deny by default). A wiring error: no documented route answers it.',
  },
  'no-sharing-authority': {
    slug: 'no-sharing-authority',
    status: 403,
    title: 'Forbidden',
    description:
      'The record is in the caller’s county but of another agency, and no sharing authority (consent, MDT) lets the caller see it (audited).',
  },
  'not-found': {
    slug: 'not-found',
    status: 404,
    title: 'Not Found',
    description:
      'No such record in the caller’s county. A record of another county is answered the same way: its existence is confidential (the attempt is audited).',
  },
  'impossible-sequence': {
    slug: 'impossible-sequence',
    status: 409,
    title: 'Impossible sequence',
    description:
      'The record’s history makes the request impossible (e.g. a disposition before jurisdiction, a contact before the referral was received); nothing changed.',
  },
  'idempotency-key-in-use': {
    slug: 'idempotency-key-in-use',
    status: 409,
    title: 'Conflict',
    description: 'A request with this `Idempotency-Key` is still being processed (or just failed); retry later.',
  },
  'idempotency-key-reused': {
    slug: 'idempotency-key-reused',
    status: 422,
    title: 'Idempotency key reused',
    description: 'This `Idempotency-Key` was used for a different request (route, parameters or body); use a new key.',
  },
  'too-many-requests': {
    slug: 'too-many-requests',
    status: 429,
    title: 'Too Many Requests',
    description:
      'The per-user rate limit is exceeded, or the caller’s budget of refused calls (no or a bad token, a missing permission; per client address before the token is verified, per user after) is spent; `Retry-After` says in how many seconds to retry.',
  },
  'internal-error': {
    slug: 'internal-error',
    status: 500,
    title: 'Internal Server Error',
    description: 'An unexpected error; it was logged with its stack on the server, the answer carries no internals.',
  },
  'dependency-unavailable': {
    slug: 'dependency-unavailable',
    status: 503,
    title: 'Service Unavailable',
    description:
      'A server this request needs (PostgreSQL, Temporal) cannot be reached; nothing was written (the transaction rolled back). `dependency` names it, `Retry-After` says when to try again; the service recovers by itself when the server is back. A write retried with the same `Idempotency-Key` is safe.',
    extensions: { dependency: z.enum(['postgresql', 'temporal']).describe('The server that could not be reached') },
  },
  'service-unavailable': {
    slug: 'service-unavailable',
    status: 503,
    title: 'Not Ready',
    description: 'At least one dependency (PostgreSQL, Kafka, Temporal) is down; `checks` gives each one’s state.',
    extensions: { checks: z.record(z.string(), z.looseObject({ status: z.enum(['up', 'down']) })).describe('Each dependency check') },
  },
} as const satisfies Record<string, ProblemDefinition>;

export type PlatformProblem = keyof typeof problemRegistry;
/** A platform problem by slug, or a domain's own definition. */
export type ProblemRef = PlatformProblem | ProblemDefinition;

export const problemOf = (ref: ProblemRef): ProblemDefinition => (typeof ref === 'string' ? problemRegistry[ref] : ref);

/** The problem a body-parser error type stands for (`entity.parse.failed` → malformed-json). */
export const parserProblemOf = (parserType: string): ProblemDefinition | undefined =>
  Object.values(problemRegistry as Record<string, ProblemDefinition>).find((p) => p.parser?.type === parserType);

/**
 * The exception that answers with this problem: its type, status and title from the registry, `detail` and the
 * extension members from the caller (the problem+json filter writes the body).
 */
export function problemException(ref: ProblemRef, detail: string, extensions: Record<string, unknown> = {}): HttpException {
  const problem = problemOf(ref);
  return new HttpException({ type: problemType(problem.slug), title: problem.title, message: detail, ...extensions }, problem.status);
}
