import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdOf } from './correlation-id';
import { unavailableDependencyOf } from './dependency-unavailable';
import { defineProblem, parserProblemOf, problemRegistry, problemType, problemTypeBase } from './problem-registry';

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Every error leaves as application/problem+json. Unexpected errors are logged with their stack on the server and
 * reach the client as a generic 500: no stack traces, no internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    // Errors raised before the normal pipeline (body parser, unknown route) carry the correlation id too.
    correlationIdOf(req, res);
    const path = req.originalUrl?.split('?')[0] ?? req.url;
    const allow = isUnknownRoute(exception) ? allowedMethods(req, path) : [];
    if (allow.length > 0) {
      // A path that exists, asked with a method it does not have: 405 with the methods it has (RFC 9110 §15.5.6).
      res.setHeader('Allow', allow.join(', '));
      res
        .status(methodNotAllowed.status)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: problemType(methodNotAllowed.slug),
            title: methodNotAllowed.title,
            status: methodNotAllowed.status,
            detail: `This path answers ${allow.join(', ')}`,
            instance: path,
          } satisfies ProblemDetails),
        );
      return;
    }
    const problem = toProblem(exception, path);
    if (problem['dependency']) {
      // An outage, not a defect: one readable line, no stack (readiness says the same, every few seconds).
      this.logger.warn(
        `${String(problem['dependency'])} unavailable: ${exception instanceof Error ? exception.message.split('\n')[0] : 'no answer'}`,
      );
      res.setHeader('Retry-After', String(dependencyRetryAfterSeconds));
    } else if (problem.status >= 500) {
      this.logger.error(
        exception instanceof Error ? exception.message : 'non-error thrown',
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

/**
 * A method the path does not have. Not in any operation's documented responses: the operations a document lists are
 * the methods a path has; this is the answer to the ones it does not list (with `Allow`).
 */
export const methodNotAllowed = defineProblem({
  slug: 'method-not-allowed',
  status: 405,
  title: 'Method Not Allowed',
  description: 'The path exists but not with this method; `Allow` lists the methods it has.',
});

/** Nest's answer to a request no route matched (`Cannot GET /…`), before it becomes a not-found problem. */
function isUnknownRoute(exception: unknown): boolean {
  if (!(exception instanceof HttpException) || exception.getStatus() !== HttpStatus.NOT_FOUND) return false;
  const body = exception.getResponse();
  const message = typeof body === 'string' ? body : (body as Record<string, unknown> | null)?.['message'];
  return typeof message === 'string' && /^Cannot [A-Z]+ /.test(message);
}

interface RouterLayer {
  route?: { methods?: Record<string, boolean> };
  match?: (path: string) => boolean;
}

/**
 * The methods the routes of the Express application answer on `path` (HEAD with GET, as Express does), upper case;
 * empty when no route has the path (then the answer stays 404). Reads the router's own route table, so a route is
 * never listed that does not exist.
 */
export function allowedMethods(req: Request, path: string): string[] {
  const app = req.app as unknown as { router?: { stack?: RouterLayer[] }; _router?: { stack?: RouterLayer[] } } | undefined;
  const stack = app?.router?.stack ?? app?._router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route?.methods || typeof layer.match !== 'function') continue;
    let matches = false;
    try {
      matches = layer.match(path);
    } catch {
      matches = false; // a path that does not decode matches no route
    }
    if (!matches) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** How long a client should wait before retrying a request refused because a dependency is down. */
export const dependencyRetryAfterSeconds = 5;

export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  // Express' body-parser errors arrive wrapped by Nest with the parser's message, which can quote the body: answer
  // them with a fixed text instead.
  const parserProblem = bodyParserProblem(exception instanceof HttpException ? exception.cause : exception, instance);
  if (parserProblem) return parserProblem;
  const fixed = fixedTextProblem(exception, instance);
  if (fixed) return fixed;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const message = typeof body === 'string' ? body : fromBody['message'];
    const { message: _m, statusCode: _s, error: _e, ...extensions } = fromBody;
    return {
      type:
        typeof fromBody['type'] === 'string' ? (fromBody['type'] as string) : `${problemTypeBase}${slug(HttpStatus[status] ?? 'error')}`,
      title: typeof fromBody['title'] === 'string' ? (fromBody['title'] as string) : titleOf(status),
      status,
      ...(message !== undefined ? { detail: Array.isArray(message) ? message.join('; ') : String(message) } : {}),
      ...(instance ? { instance } : {}),
      ...extensions,
    };
  }
  const dependency = unavailableDependencyOf(exception);
  if (dependency) {
    const unavailable = problemRegistry['dependency-unavailable'];
    return {
      type: problemType(unavailable.slug),
      title: unavailable.title,
      status: unavailable.status,
      detail: `${dependency === 'postgresql' ? 'PostgreSQL' : 'Temporal'} cannot be reached; nothing was written. Retry later.`,
      ...(instance ? { instance } : {}),
      dependency,
    };
  }
  const internal = problemRegistry['internal-error'];
  return {
    type: problemType(internal.slug),
    title: internal.title,
    status: internal.status,
    detail: 'An unexpected error occurred. It has been logged.',
    ...(instance ? { instance } : {}),
  };
}

const slug = (s: string) => s.toLowerCase().replace(/_/g, '-');
const titleOf = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/** Errors of Express' body parser (too large, malformed JSON, wrong charset) carry their status and a type code. */
function bodyParserProblem(exception: unknown, instance?: string): ProblemDetails | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status } = exception as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const known = parserProblemOf(type);
  const [slugOf, detail] = known?.parser ? [known.slug, known.parser.detail] : ['bad-request', 'The request body could not be read'];
  return { type: problemType(slugOf), title: titleOf(status), status, detail, ...(instance ? { instance } : {}) };
}

/**
 * Exceptions raised by libraries, whose text names an internal class or quotes the request, answered with a fixed
 * text: the rate limit (the throttler's `ThrottlerException: Too Many Requests`; its guard has set Retry-After) and
 * Nest's unknown route (`Cannot GET /…?…`, the path and query as sent).
 */
function fixedTextProblem(exception: unknown, instance?: string): ProblemDetails | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>)['type'] === 'string') return undefined;
  const status = exception.getStatus();
  const at = instance ? { instance } : {};
  if (status === HttpStatus.TOO_MANY_REQUESTS) {
    const limit = problemRegistry['too-many-requests'];
    return { type: problemType(limit.slug), title: limit.title, status, detail: 'Too many requests', ...at };
  }
  const message = typeof body === 'string' ? body : (body as Record<string, unknown> | null)?.['message'];
  if (status === HttpStatus.NOT_FOUND && typeof message === 'string' && /^Cannot [A-Z]+ /.test(message)) {
    const notFound = problemRegistry['not-found'];
    return { type: problemType(notFound.slug), title: notFound.title, status, detail: 'No route matches this method and path', ...at };
  }
  return undefined;
}
