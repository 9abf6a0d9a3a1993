import { Body, Param, ParseUUIDPipe, applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { InvalidIdentifierError, normalizeIsoDate, normalizeSsn } from '@linkages/platform-crypto';
import { ApiProblems, openApiSchemaOf } from './api-responses';
import { problemException, type FieldError } from './problem-registry';
import { implausibleYearMessage, isPlausibleYear, safeFieldPath } from './request-boundary';

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
      field: safeFieldPath(this.part, issue.path),
      message: messageOf(issue),
    }));
    throw problemException(
      'validation',
      `The request ${this.part} is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'})`,
      { errors },
    );
  }
}

/**
 * An issue's message, safe to send back. zod names unknown keys in its message (`Unrecognized key: "…"`): that is
 * client text, reflected. We say how many instead, on the object that holds them (`body.members.0`); the client
 * knows which keys it sent, and the schema in the OpenAPI document says which are allowed.
 */
function messageOf(issue: z.ZodError['issues'][number]): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  return issue.keys.length === 1 ? 'has an unknown property' : `has ${issue.keys.length} unknown properties`;
}

/** `@ValidBody(schema) body: T`: validated body; pair with `@ApiJsonBody(schema)` on the method for the docs. */
export const ValidBody = <T>(schema: z.ZodType<T>) => Body(new ZodValidationPipe(schema));

/**
 * OpenAPI request body generated from the same zod schema that validates it, with the problems a body can be
 * refused with before the route runs: not JSON, not valid JSON, too large, an unsupported charset or encoding, invalid
 * (including what the boundary refuses in any body: a NUL character, nesting deeper than 32, an implausible year).
 */
export const ApiJsonBody = (schema: z.ZodType, description?: string) =>
  applyDecorators(
    ApiBody({ schema: openApiSchemaOf(schema, 'input'), ...(description ? { description } : {}) }),
    ApiProblems(
      'validation',
      'malformed-json',
      'payload-too-large',
      'unsupported-media-type',
      'unsupported-charset',
      'unsupported-encoding',
    ),
  );

/**
 * A UUID path parameter; anything else is a 400 problem before any lookup. Documented as what it takes (a string of
 * format uuid), so a client generating from the OpenAPI document sends what the route accepts.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          problemException('validation', `Path parameter ${name} must be a UUID`, {
            errors: [{ field: `path.${name}`, message: 'must be a UUID' }],
          }),
      }),
    )(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor)
      ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })(target, key, descriptor);
  };

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

/** A calendar date (`YYYY-MM-DD`) in the years every service takes (`plausibleYears`: 1900–2200). */
export const isoDate = z.iso
  .date({ error: 'must be a date (YYYY-MM-DD)' })
  .refine((value) => isPlausibleYear(Number(value.slice(0, 4))), { message: implausibleYearMessage });

/** A valid date of birth: a date, not in the future, not before `plausibleYears.min` (1900). */
export const dateOfBirth = z
  .string()
  .superRefine((value, ctx) => {
    try {
      const date = normalizeIsoDate(value);
      if (date > new Date().toISOString().slice(0, 10)) ctx.addIssue({ code: 'custom', message: 'cannot be in the future' });
      else if (!isPlausibleYear(Number(date.slice(0, 4)))) ctx.addIssue({ code: 'custom', message: implausibleYearMessage });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a valid date (YYYY-MM-DD)' });
    }
  })
  .transform((value) => value.trim());
