import { HttpCode, applyDecorators } from '@nestjs/common';
import { ApiResponse, DECORATORS } from '@nestjs/swagger';
import { z } from 'zod';
import { problemOf, problemType, type ProblemDefinition, type ProblemRef } from './problem-registry';

/** The content type every error leaves with (ProblemDetailsFilter). */
export const problemContentType = 'application/problem+json';

/** An OpenAPI 3.0 schema generated from a zod schema: `input` for what a request may send, `output` for what a response holds. */
export const openApiSchemaOf = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return nullInNullableEnums(json) as Record<string, unknown>;
};

/** OpenAPI 3.0.3: `nullable: true` allows null only if `enum` lists it; zod leaves it out, so a nullable enum gets it. */
function nullInNullableEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullInNullableEnums);
  if (typeof node !== 'object' || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullInNullableEnums(v)])) as Record<string, unknown>;
  if (out['nullable'] === true && Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  return out;
}

/**
 * The RFC 9457 body of the problems that share one status: `type` is one of their URIs, `status` that status, and
 * the members they add (`errors` for validation, `permission` for forbidden, …).
 */
export function problemDetailsSchema(problems: readonly ProblemDefinition[]): z.ZodType {
  const status = problems[0]?.status ?? 500;
  const extensions: Record<string, z.ZodType> = {};
  for (const p of problems)
    for (const [name, schema] of Object.entries(p.extensions ?? {})) extensions[name] = (schema as z.ZodType).optional();
  return z.looseObject({
    type: z
      .enum(problems.map((p) => problemType(p.slug)) as [string, ...string[]])
      .describe('The problem type: a URI naming what went wrong'),
    title: z.enum([...new Set(problems.map((p) => p.title))] as [string, ...string[]]).describe('Fixed per problem type'),
    status: z.literal(status),
    detail: z.string().optional().describe('This occurrence, in words (never personal data)'),
    instance: z.string().optional().describe('The request path'),
    ...extensions,
  });
}

/** Problems recorded per handler, so that several `@ApiProblems` (and `@Requires`, `@IdempotentCreate`) add up. */
const PROBLEMS_METADATA = 'linkages:api-problems';

/** The problems documented on a handler (or a controller), by slug. */
export const documentedProblems = (target: object): ProblemDefinition[] =>
  (Reflect.getMetadata(PROBLEMS_METADATA, target) as ProblemDefinition[] | undefined) ?? [];

function responsesFor(problems: readonly ProblemDefinition[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemDefinition[]>();
  for (const p of [...problems].sort((x, y) => x.slug.localeCompare(y.slug)))
    byStatus.set(p.status, [...(byStatus.get(p.status) ?? []), p]);
  const responses: Record<string, unknown> = {};
  for (const [status, group] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: group.map((p) => `\`${p.slug}\` (${p.title}): ${p.description}`).join('\n\n'),
      content: {
        [problemContentType]: {
          schema: openApiSchemaOf(problemDetailsSchema(group), 'output'),
          examples: Object.fromEntries(
            group.map((p) => [p.slug, { summary: p.title, value: { type: problemType(p.slug), title: p.title, status: p.status } }]),
          ),
        },
      },
    };
  }
  return responses;
}

/**
 * Documents the problems a route can answer with, from the problem registry: one response per status, content
 * `application/problem+json`, a ProblemDetails schema whose `type` enumerates the problems of that status. Several
 * decorators on one route (or its controller) add up; a status shared with a success response is not expected.
 */
export const ApiProblems =
  (...refs: ProblemRef[]) =>
  (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const known = documentedProblems(holder);
    const added = refs.map(problemOf).filter((p) => !known.some((k) => k.slug === p.slug));
    const problems = [...known, ...added];
    Reflect.defineMetadata(PROBLEMS_METADATA, problems, holder);
    const existing = (Reflect.getMetadata(DECORATORS.API_RESPONSE, holder) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...existing, ...responsesFor(problems) }, holder);
  };

/**
 * The success response of a route: its status (set on the route too, so the documented code is the code answered)
 * and a JSON schema generated from the zod schema the view is typed against.
 */
export const ApiSuccess = (schema: z.ZodType, options: { status: 200 | 201; description: string }) =>
  applyDecorators(
    HttpCode(options.status),
    ApiResponse({
      status: options.status,
      description: options.description,
      content: { 'application/json': { schema: openApiSchemaOf(schema, 'output') } },
    }),
  );

/**
 * Compile-time check that a view (what a use case returns) fits its response schema: the view is assignable to the
 * schema's type, and both have the same top-level fields (nothing returned undocumented, nothing documented absent).
 */
export type MatchesSchema<View, Schema extends z.ZodType> = [View] extends [z.output<Schema>]
  ? [Exclude<keyof z.output<Schema>, keyof View> | Exclude<keyof View, keyof z.output<Schema>>] extends [never]
    ? true
    : { fieldsDiffer: Exclude<keyof z.output<Schema>, keyof View> | Exclude<keyof View, keyof z.output<Schema>> }
  : { viewDoesNotFit: View };
/** `schemaMatches<MatchesSchema<View, typeof schema>>()` beside a response schema: fails to compile when they part. */
export const schemaMatches = <_T extends true>(): void => undefined;
