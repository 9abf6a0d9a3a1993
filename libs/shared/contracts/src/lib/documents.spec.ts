import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { eventCatalog } from './catalog';
import { baselinesDir, generatedDir, renderContractDocuments } from './documents';
import { additiveViolations, payloadJsonSchema, type JsonSchema } from './json-schema';

const libRoot = join(__dirname, '..', '..');
const regenerate = 'run `npm run contracts:generate` and commit the result';

describe('generated contract documents', () => {
  const files = renderContractDocuments();

  it(`are committed and current (${regenerate})`, () => {
    const onDisk = readdirSync(join(libRoot, generatedDir, 'json-schema'))
      .map((f) => `${generatedDir}/json-schema/${f}`)
      .concat(`${generatedDir}/asyncapi.json`);
    expect(onDisk.sort()).toEqual(Object.keys(files).sort());
    for (const [path, content] of Object.entries(files)) {
      expect({ path, content: readFileSync(join(libRoot, path), 'utf8') }).toEqual({ path, content });
    }
  });

  it('the AsyncAPI document is valid AsyncAPI 3.0.0 and every $ref resolves', () => {
    const specs = require('@asyncapi/specs') as { schemas: Record<string, object> };
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(specs.schemas['3.0.0']!);
    const doc = JSON.parse(files[`${generatedDir}/asyncapi.json`]!) as Record<string, unknown>;
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(v as string);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(eventCatalog.length);
    for (const ref of refs) {
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      expect({ ref, resolves: target !== undefined }).toEqual({ ref, resolves: true });
    }
    // A document the validator must reject, so this test can fail.
    expect(validate({ ...doc, asyncapi: '3.0.0', info: undefined })).toBe(false);
  });
});

describe('v1 schemas change only additively', () => {
  it.each(eventCatalog.map((e) => [e.type, e] as const))('%s keeps its published baseline', (type, def) => {
    const path = join(libRoot, baselinesDir, `${type}.json`);
    expect({ type, baseline: existsSync(path) ? 'present' : `missing: ${regenerate}` }).toEqual({ type, baseline: 'present' });
    const baseline = JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
    expect(additiveViolations(baseline, payloadJsonSchema(def))).toEqual([]);
  });

  it('no published event type disappears within its major version', () => {
    const published = readdirSync(join(libRoot, baselinesDir)).map((f) => f.replace(/\.json$/, ''));
    expect(published.filter((t) => !eventCatalog.some((e) => e.type === t))).toEqual([]);
  });
});
