import { Body, Param, ParseUUIDPipe, applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { InvalidIdentifierError, normalizeIsoDate, normalizeSsn } from '@linkages/platform-crypto';
import { ApiProblems, openApiSchemaOf } from './api-responses';
import { problemException, type FieldError } from './problem-registry';

/** Parses a request part with a zod schema into a typed command; refuses it with every failing field named. */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly part = 'body',
  ) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const errors: FieldError[] = result.error.issues.map((issue) => ({
      field: [this.part, ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw problemException(
      'validation',
      `The request ${this.part} is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'})`,
      { errors },
    );
  }
}

/** `@ValidBody(schema) body: T`: validated body; pair with `@ApiJsonBody(schema)` on the method for the docs. */
export const ValidBody = <T>(schema: z.ZodType<T>) => Body(new ZodValidationPipe(schema));

/**
 * OpenAPI request body generated from the same zod schema that validates it, with the problems a body can be
 * refused with before the route runs: not valid JSON, too large, an unsupported charset or encoding, invalid.
 */
export const ApiJsonBody = (schema: z.ZodType, description?: string) =>
  applyDecorators(
    ApiBody({ schema: openApiSchemaOf(schema, 'input'), ...(description ? { description } : {}) }),
    ApiProblems('validation', 'malformed-json', 'payload-too-large', 'unsupported-charset', 'unsupported-encoding'),
  );

/** A UUID path parameter; anything else is a 400 problem before any lookup. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        problemException('validation', `Path parameter ${name} must be a UUID`, {
          errors: [{ field: `path.${name}`, message: 'must be a UUID' }],
        }),
    }),
  );

/** A path parameter parsed with a zod schema (a shape beyond a UUID); anything else is a 400 problem before any lookup. */
export const ValidParam = <T>(name: string, schema: z.ZodType<T>) => Param(name, new ZodValidationPipe(schema, `path.${name}`));

/** Personal identifiers, validated the same way at every boundary. A valid SSN (nine digits, dashes optional, not an impossible number); messages never repeat the value. */
export const ssn = z
  .string()
  .superRefine((value, ctx) => {
    try {
      normalizeSsn(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof InvalidIdentifierError ? error.message : 'is not a valid SSN' });
    }
  })
  .transform((value) => normalizeSsn(value));

export const dateOfBirth = z
  .string()
  .superRefine((value, ctx) => {
    try {
      if (normalizeIsoDate(value) > new Date().toISOString().slice(0, 10))
        ctx.addIssue({ code: 'custom', message: 'cannot be in the future' });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a valid date (YYYY-MM-DD)' });
    }
  })
  .transform((value) => value.trim());
