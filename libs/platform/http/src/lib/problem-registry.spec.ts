import { HttpException } from '@nestjs/common';
import { toProblem } from './problem-details.filter';
import { problemException, problemRegistry, problemType, type ProblemDefinition } from './problem-registry';

describe('problem registry', () => {
  const all = Object.entries(problemRegistry as Record<string, ProblemDefinition>);

  it('names each problem by its slug, once, with a status, a title and a description', () => {
    for (const [key, p] of all) {
      expect(p.slug).toBe(key);
      expect(p.status).toBeGreaterThanOrEqual(400);
      expect(p.title.length).toBeGreaterThan(2);
      expect(p.description.length).toBeGreaterThan(20);
    }
    expect(new Set(all.map(([, p]) => p.slug)).size).toBe(all.length);
  });

  it('raises a problem with the registry’s type, status and title, the detail and extensions of the occurrence', () => {
    const problem = toProblem(
      problemException('validation', 'The request body is invalid (1 problem)', { errors: [{ field: 'body.x', message: 'Required' }] }),
      '/things',
    );
    expect(problem).toEqual({
      type: 'https://linkages.example.org/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'The request body is invalid (1 problem)',
      instance: '/things',
      errors: [{ field: 'body.x', message: 'Required' }],
    });
    expect(problemException('forbidden', 'no')).toBeInstanceOf(HttpException);
    expect(toProblem(problemException('invalid-token', 'expired', { reason: 'expired' }))).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      reason: 'expired',
    });
  });

  it('answers body-parser errors with the registry’s problem and its fixed detail (never the parser’s message)', () => {
    for (const p of all.map(([, p]) => p).filter((p) => p.parser)) {
      const parserError = Object.assign(new Error('Unexpected token } in JSON at position 7: {"ssn":"123'), {
        type: p.parser!.type,
        status: p.status,
      });
      expect(toProblem(parserError)).toEqual({ type: problemType(p.slug), title: p.title, status: p.status, detail: p.parser!.detail });
    }
  });

  it('answers the unknown route and the rate limit with the registry’s type and a fixed text (no class name, no echo)', () => {
    expect(toProblem(new HttpException('Cannot GET /x?name=Canary', 404), '/x')).toEqual({
      type: problemType(problemRegistry['not-found'].slug),
      title: problemRegistry['not-found'].title,
      status: 404,
      detail: 'No route matches this method and path',
      instance: '/x',
    });
    expect(toProblem(new HttpException('ThrottlerException: Too Many Requests', 429))).toEqual({
      type: problemType('too-many-requests'),
      title: problemRegistry['too-many-requests'].title,
      status: 429,
      detail: 'Too many requests',
    });
    // A problem raised on purpose keeps its own text.
    expect(toProblem(problemException('not-found', 'No case with this id in your county'))).toMatchObject({
      detail: 'No case with this id in your county',
    });
    expect(toProblem(new Error('boom'))).toMatchObject({
      type: problemType('internal-error'),
      title: problemRegistry['internal-error'].title,
      status: 500,
    });
  });
});
