import { HttpException } from '@nestjs/common';
import { toProblem } from './problem-details.filter';
import { unavailableDependencyOf } from './dependency-unavailable';

/** The shapes node-postgres, TypeORM and Temporal's client throw them in (seen in the outage integration spec). */
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
const queryFailed = (driverError: unknown) => Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError });
const serviceError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { name: 'ServiceError', cause: Object.assign(new Error(details), { code, details }) });

describe('unavailableDependencyOf: which server an error says is gone', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['a socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    [
      'an administrator shutdown (57P01) inside TypeORM',
      queryFailed(Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ],
    ['cannot connect now (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['an AggregateError of refused addresses', Object.assign(new AggregateError([socketError('ECONNREFUSED')], 'all failed'), {})],
  ])('PostgreSQL: %s', (_what, error) => {
    expect(unavailableDependencyOf(error)).toBe('postgresql');
  });

  it.each([
    ['UNAVAILABLE (14)', serviceError(14, 'No connection established')],
    ['DEADLINE_EXCEEDED (4)', serviceError(4, 'Deadline exceeded')],
    [
      'a bare gRPC error',
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' }),
    ],
  ])('Temporal: %s', (_what, error) => {
    expect(unavailableDependencyOf(error)).toBe('temporal');
  });

  it.each([
    ['a unique violation (23505)', queryFailed(Object.assign(new Error('duplicate key'), { code: '23505' }))],
    ['a Temporal refusal that is not an outage (ALREADY_EXISTS, 6)', serviceError(6, 'Workflow execution already started')],
    ['an ordinary error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('not an outage: %s', (_what, error) => {
    expect(unavailableDependencyOf(error)).toBeUndefined();
  });

  it('is answered as 503 dependency-unavailable naming the server, without the error text; other errors stay 500', () => {
    const problem = toProblem(socketError('ECONNREFUSED'), '/probe');
    expect(problem).toEqual({
      type: 'https://linkages.example.org/problems/dependency-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: 'PostgreSQL cannot be reached; nothing was written. Retry later.',
      instance: '/probe',
      dependency: 'postgresql',
    });
    expect(toProblem(serviceError(14, 'No connection established'))).toMatchObject({ status: 503, dependency: 'temporal' });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500 });
    // An HttpException a handler chose keeps its status, whatever it wraps.
    expect(toProblem(new HttpException('Conflict', 409, { cause: socketError('ECONNREFUSED') }))).toMatchObject({ status: 409 });
  });
});
