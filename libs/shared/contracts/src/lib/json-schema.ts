import { z } from 'zod';
import type { EventDefinition } from './event-definition';

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema (draft-07, which AsyncAPI's schema format extends) of one event's payload. */
export function payloadJsonSchema(def: EventDefinition): JsonSchema {
  const schema = z.toJSONSchema(def.payload, { target: 'draft-7', io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  return {
    $schema: schema['$schema'],
    $id: `https://linkages.example.org/schemas/events/${def.type}.json`,
    title: def.title,
    description: def.description,
    'x-event-type': def.type,
    'x-event-version': def.version,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/**
 * Why `current` is not a purely additive change of `baseline` (empty when it is). Additive means: every property
 * the baseline had is still there with a compatible schema, no property became required or stopped being required,
 * types and formats are unchanged, enum values are only added, and bounds are not tightened.
 */
export function additiveViolations(baseline: JsonSchema, current: JsonSchema, path = '$'): string[] {
  const out: string[] = [];
  const same = (key: string) => JSON.stringify(baseline[key]) === JSON.stringify(current[key]);
  for (const key of ['type', 'format', 'pattern', 'const', '$ref']) {
    if (!same(key)) out.push(`${path}: ${key} changed from ${JSON.stringify(baseline[key])} to ${JSON.stringify(current[key])}`);
  }
  for (const key of ['minimum', 'minLength', 'minItems', 'exclusiveMinimum']) {
    if (typeof current[key] === 'number' && (typeof baseline[key] !== 'number' || (current[key] as number) > (baseline[key] as number)))
      out.push(`${path}: ${key} tightened`);
  }
  for (const key of ['maximum', 'maxLength', 'maxItems', 'exclusiveMaximum']) {
    if (typeof current[key] === 'number' && (typeof baseline[key] !== 'number' || (current[key] as number) < (baseline[key] as number)))
      out.push(`${path}: ${key} tightened`);
  }
  if (Array.isArray(baseline['enum'])) {
    const now = new Set(Array.isArray(current['enum']) ? (current['enum'] as unknown[]).map((v) => JSON.stringify(v)) : []);
    for (const v of baseline['enum'] as unknown[])
      if (!now.has(JSON.stringify(v))) out.push(`${path}: enum value ${JSON.stringify(v)} removed`);
  } else if (Array.isArray(current['enum'])) {
    out.push(`${path}: enum restriction added`);
  }
  const baseRequired = new Set((baseline['required'] as string[] | undefined) ?? []);
  const nowRequired = new Set((current['required'] as string[] | undefined) ?? []);
  for (const r of nowRequired) if (!baseRequired.has(r)) out.push(`${path}: '${r}' became required (new fields must be optional)`);
  for (const r of baseRequired) if (!nowRequired.has(r)) out.push(`${path}: '${r}' is no longer required (consumers rely on it)`);
  if (baseline['additionalProperties'] !== false && current['additionalProperties'] === false)
    out.push(`${path}: additionalProperties closed`);
  const baseProps = (baseline['properties'] as Record<string, JsonSchema> | undefined) ?? {};
  const nowProps = (current['properties'] as Record<string, JsonSchema> | undefined) ?? {};
  for (const [name, schema] of Object.entries(baseProps)) {
    if (!(name in nowProps)) out.push(`${path}.${name}: removed`);
    else out.push(...additiveViolations(schema, nowProps[name] as JsonSchema, `${path}.${name}`));
  }
  if (baseline['items'] && current['items'])
    out.push(...additiveViolations(baseline['items'] as JsonSchema, current['items'] as JsonSchema, `${path}[]`));
  return out;
}
