/** The servers a service cannot answer a write without. Kafka is not among them: events leave through the outbox. */
export type Dependency = 'postgresql' | 'temporal';

/** Node's socket errors: the peer is not there (refused, reset, unreachable, timed out, name not resolved). */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL's own words for "not now": SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown,
 * crash shutdown, cannot connect now) and 53300 (too many connections), and node-postgres' messages when the socket
 * closes under a query or the pool cannot connect in time.
 */
const postgresStates = /^(08...|57P0[123]|53300)$/;
const postgresMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** gRPC statuses of a Temporal frontend that is not there: UNAVAILABLE (14) and DEADLINE_EXCEEDED (4). */
const grpcUnavailable = new Set([14, 4]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** The error and what it wraps: `cause` (Temporal's ServiceError), `driverError` (TypeORM), `errors` (AggregateError). */
function* chainOf(error: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 8 || typeof error !== 'object' || error === null) return;
  const e = error as ErrorLike;
  yield e;
  yield* chainOf(e.cause, depth + 1);
  yield* chainOf(e.driverError, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors.slice(0, 4)) yield* chainOf(inner, depth + 1);
}

/**
 * Which dependency an error says is unreachable, or undefined when it is an ordinary failure. Temporal's client
 * reports a dead frontend as a ServiceError (or a gRPC error) with status UNAVAILABLE or DEADLINE_EXCEEDED; anything
 * else that is a lost or refused connection comes from PostgreSQL (TypeORM, node-postgres), the only other server a
 * request handler talks to.
 */
export function unavailableDependencyOf(error: unknown): Dependency | undefined {
  const chain = [...chainOf(error)];
  if (chain.length === 0) return undefined;
  const isTemporal = chain.some(
    (e) => e.name === 'ServiceError' || (typeof e.code === 'number' && grpcUnavailable.has(e.code) && 'details' in e),
  );
  if (isTemporal) {
    return chain.some((e) => typeof e.code === 'number' && grpcUnavailable.has(e.code)) ||
      chain.some((e) => typeof e.message === 'string' && /UNAVAILABLE|DEADLINE_EXCEEDED|Failed to connect/i.test(e.message))
      ? 'temporal'
      : undefined;
  }
  const unreachable = chain.some(
    (e) =>
      (typeof e.code === 'string' && (socketCodes.has(e.code) || postgresStates.test(e.code))) ||
      (typeof e.message === 'string' && postgresMessages.test(e.message)),
  );
  return unreachable ? 'postgresql' : undefined;
}
