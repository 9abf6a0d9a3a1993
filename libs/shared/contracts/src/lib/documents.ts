import { buildAsyncApiDocument } from './asyncapi';
import { eventCatalog } from './catalog';
import { payloadJsonSchema } from './json-schema';

/** Where generated contract documents live, relative to the contracts library root. */
export const generatedDir = 'generated';
/** Frozen first-published schema of every event type: the reference for the additive-only rule. */
export const baselinesDir = 'baselines';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated document, keyed by path relative to the library root. `npm run contracts:generate` writes them. */
export function renderContractDocuments(): Record<string, string> {
  const files: Record<string, string> = { [`${generatedDir}/asyncapi.json`]: json(buildAsyncApiDocument()) };
  for (const def of eventCatalog) files[`${generatedDir}/json-schema/${def.type}.json`] = json(payloadJsonSchema(def));
  return files;
}

/** The baseline a new event type gets when it is first published (never rewritten afterwards). */
export function renderBaselines(): Record<string, string> {
  return Object.fromEntries(eventCatalog.map((def) => [`${baselinesDir}/${def.type}.json`, json(payloadJsonSchema(def))]));
}
