import type { Hash } from 'node:crypto';

/** A piece of JSON text to write, or a value to serialize (`converted`: its toJSON was already applied). */
type Work = { text: string } | { value: unknown; converted: boolean };

/**
 * Feeds `value`'s JSON text to `hash`, exactly what `JSON.stringify(value)` writes (so a digest is the same as one
 * made from `JSON.stringify`), but with its own stack instead of recursion: a deeply nested value cannot overflow the
 * call stack. (The boundary refuses bodies deeper than `maxJsonDepth` anyway; this does not depend on it.)
 */
export function updateHashWithJson(hash: Hash, value: unknown): Hash {
  const work: Work[] = [{ value, converted: false }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if ('text' in item) {
      hash.update(item.text);
      continue;
    }
    const node = item.converted ? item.value : jsonValueOf(item.value);
    if (typeof node !== 'object' || node === null) {
      // Primitives as JSON.stringify writes them; undefined, a function or a symbol is `null` in an array (an object
      // member holding one was left out below).
      hash.update((JSON.stringify(node) as string | undefined) ?? 'null');
      continue;
    }
    const parts: Work[] = [];
    if (Array.isArray(node)) {
      parts.push({ text: '[' });
      node.forEach((element, i) => {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ value: element, converted: false });
      });
      parts.push({ text: ']' });
    } else {
      parts.push({ text: '{' });
      let first = true;
      for (const key of Object.keys(node)) {
        const member = jsonValueOf((node as Record<string, unknown>)[key]);
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        parts.push({ text: `${first ? '' : ','}${JSON.stringify(key)}:` }, { value: member, converted: true });
        first = false;
      }
      parts.push({ text: '}' });
    }
    for (const part of parts.reverse()) work.push(part);
  }
  return hash;
}

/** What JSON.stringify serializes in place of a value: its `toJSON()` (a Date's ISO string), else the value. */
function jsonValueOf(value: unknown): unknown {
  const toJSON = typeof value === 'object' && value !== null ? (value as { toJSON?: unknown }).toJSON : undefined;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}
