import { Controller, Get, Post } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { ApiProblems, ApiSuccess } from './api-responses';
import { IdempotentCreate } from './idempotency.interceptor';
import { defineProblem, problemType } from './problem-registry';

const thing = z.object({ id: z.uuid(), name: z.string(), note: z.string().nullable(), kind: z.enum(['a', 'b']).nullable() });
const domainRefusal = defineProblem({
  slug: 'domain-refusal',
  status: 422,
  title: 'Refused by law',
  description: 'A domain rule refused it.',
});

@ApiProblems('internal-error')
@Controller('things')
class ThingsController {
  @Post()
  @ApiSuccess(thing, { status: 201, description: 'The thing' })
  @ApiProblems('validation', 'impossible-sequence')
  @IdempotentCreate()
  @ApiProblems(domainRefusal)
  create() {
    return { id: '0b6f3a2e-5d1c-4c1e-9a57-3f2a3c1d9e01', name: 'x', note: null, kind: null };
  }

  @Post('query')
  @ApiSuccess(z.array(thing), { status: 200, description: 'Matches' })
  query() {
    return [];
  }

  @Get()
  list() {
    return [];
  }
}

type Responses = Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;

async function document() {
  const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] })
    .useMocker(() => ({}))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  await app.close();
  return doc.paths as unknown as Record<string, Record<string, { responses: Responses }>>;
}

describe('OpenAPI responses from the zod schemas and the problem registry', () => {
  it('documents the success status with the JSON schema, and answers with that status', async () => {
    const paths = await document();
    const created = paths['/things']!['post']!.responses;
    expect(Object.keys(created).filter((s) => s.startsWith('2'))).toEqual(['201']);
    expect(created['201']!.content!['application/json']!.schema).toMatchObject({
      type: 'object',
      required: ['id', 'name', 'note', 'kind'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        note: { type: 'string', nullable: true },
        // OpenAPI 3.0.3: a nullable enum lists null.
        kind: { type: 'string', enum: ['a', 'b', null], nullable: true },
      },
    });
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, ThingsController.prototype.create)).toBe(201);
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, ThingsController.prototype.query)).toBe(200);
    expect(paths['/things']!['post']!.responses['200']).toBeUndefined();
  });

  it('adds up the problems of every decorator, one problem+json response per status', async () => {
    const responses = (await document())['/things']!['post']!.responses;
    const typesAt = (status: string) =>
      (responses[status]!.content!['application/problem+json']!.schema['properties'] as Record<string, { enum: string[] }>)['type']!.enum;
    expect(typesAt('400')).toEqual([problemType('idempotency-key-required'), problemType('validation')]);
    expect(typesAt('409')).toEqual([problemType('idempotency-key-in-use'), problemType('impossible-sequence')]);
    expect(typesAt('422')).toEqual([problemType('domain-refusal'), problemType('idempotency-key-reused')]);
    expect(responses['400']!.content!['application/problem+json']!.schema['properties']).toMatchObject({
      status: { enum: [400] },
      errors: { type: 'array', items: { type: 'object', required: ['field', 'message'] } },
    });
    expect(responses['409']!.description).toContain('`impossible-sequence` (Impossible sequence)');
    expect(responses['422']!.description).toContain('A domain rule refused it.');
  });

  it('merges the controller’s problems into every route', async () => {
    const paths = await document();
    expect(Object.keys(paths['/things']!['get']!.responses).sort()).toEqual(['200', '500']);
    expect(paths['/things']!['post']!.responses['500']).toBeDefined();
  });
});
