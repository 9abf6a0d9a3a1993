import { z } from 'zod';
import { classifiedPaths, eventDisclosure, matchKeyDisclosure, type FieldSpec } from '@linkages/platform-access';
import { eventCatalog, topics, type EventDefinition } from '@linkages/shared-contracts';
import { calworksEventClassification } from './calworks-event.classification';

/**
 * Where a classification and a payload schema differ: a field of the schema without a class, a class of no field,
 * an array or object classified as the other. A leaf class may cover a whole object (e.g. match keys).
 */
function mismatches(spec: FieldSpec, schema: z.ZodType, path = '(payload)'): string[] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (typeof spec === 'string') return [];
  if (Array.isArray(spec)) {
    if (!(s instanceof z.ZodArray)) return [`${path}: classified as an array, not one in the contract`];
    return mismatches((spec as readonly [FieldSpec])[0], s.element as z.ZodType, `${path}[]`);
  }
  if (!(s instanceof z.ZodObject)) return [`${path}: classified as an object, not one in the contract`];
  const fields = Object.keys(s.shape);
  const classes = Object.keys(spec as Record<string, FieldSpec>);
  return [
    ...fields.filter((f) => !classes.includes(f)).map((f) => `${path}.${f}: no class`),
    ...classes.filter((f) => !fields.includes(f)).map((f) => `${path}.${f}: not in the contract`),
    ...classes
      .filter((f) => fields.includes(f))
      .flatMap((f) => mismatches((spec as Record<string, FieldSpec>)[f]!, s.shape[f] as z.ZodType, `${path}.${f}`)),
  ];
}

/** The event view shareEvent applies (eventDisclosureFor): match keys pass on the identity topic only. */
const viewOf = (def: EventDefinition) => (def.topic.name === topics.identityMatchKeys.name ? matchKeyDisclosure : eventDisclosure);

describe('CalWORKs events and the sharing policy', () => {
  // The CalWORKs domain's events (deadline events are the deadline engine's: ids, rule, citation, due instant).
  const calworksEvents = eventCatalog.filter((e) => e.domain === 'calworks');

  it.each(calworksEvents.map((e) => [e.type, e] as const))(
    '%s: every field is classified (nested ones too), and every class may leave CalWORKs (match keys only on the identity topic)',
    (type, def) => {
      const spec = calworksEventClassification[type];
      expect(spec).toBeDefined();
      expect(mismatches(spec!, def.payload)).toEqual([]);
      for (const [field, cls] of Object.entries(classifiedPaths(spec!)))
        expect({ field, allowed: viewOf(def).classes.includes(cls) }).toEqual({ field, allowed: true });
    },
  );

  it('names a field the classification misses, nested in an array', () => {
    const def = eventCatalog.find((e) => e.name === 'wtw-plan-signed')!;
    const spec = calworksEventClassification[def.type] as Record<string, FieldSpec>;
    const [activity] = spec['activities'] as readonly [Record<string, FieldSpec>];
    const { slots: _slots, ...withoutSlots } = activity!;
    expect(mismatches({ ...spec, activities: [withoutSlots] }, def.payload)).toEqual(['(payload).activities[].slots: no class']);
  });
});
