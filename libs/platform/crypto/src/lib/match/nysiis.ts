// NYSIIS (New York State Identification and Intelligence System) phonetic code, Taft 1970, as used in record linkage
// (the US Census and Splink's phonetic comparisons): names that sound alike (SMITH / SMYTH, JOHNSON / JONSON) get one
// code. Implemented here because the maintained JavaScript packages are ESM-only (issue 13 plan: CommonJS under Jest).
// Input: upper-case letters A–Z only (see normalizeName). The original truncates to 6 characters; so does this.

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const isVowel = (c: string) => VOWELS.has(c);

/** The NYSIIS code of an upper-case A–Z word (empty for an empty word). */
export function nysiis(word: string, maxLength = 6): string {
  let name = word.replace(/[^A-Z]/g, '');
  if (!name) return '';

  // 1. The name's first letters.
  if (name.startsWith('MAC')) name = `MCC${name.slice(3)}`;
  else if (name.startsWith('KN')) name = `NN${name.slice(2)}`;
  else if (name.startsWith('K')) name = `C${name.slice(1)}`;
  else if (name.startsWith('PH') || name.startsWith('PF')) name = `FF${name.slice(2)}`;
  else if (name.startsWith('SCH')) name = `SSS${name.slice(3)}`;

  // 2. The name's last letters.
  if (name.endsWith('EE') || name.endsWith('IE')) name = `${name.slice(0, -2)}Y`;
  else if (/(DT|RT|RD|NT|ND)$/.test(name)) name = `${name.slice(0, -2)}D`;

  // 3. The first letter of the key is the first letter of the name; the others are translated one by one.
  const chars = name.split('');
  const at = (i: number) => chars[i] ?? '';
  let key = at(0);
  for (let i = 1; i < chars.length; i++) {
    const c = at(i);
    const next = at(i + 1);
    const previous = at(i - 1);
    let out: string;
    if (c === 'E' && next === 'V') {
      out = 'AF';
      i++;
    } else if (isVowel(c)) out = 'A';
    else if (c === 'Q') out = 'G';
    else if (c === 'Z') out = 'S';
    else if (c === 'M') out = 'N';
    else if (c === 'K' && next === 'N') {
      out = 'N';
      i++;
    } else if (c === 'K') out = 'C';
    else if (c === 'S' && next === 'C' && at(i + 2) === 'H') {
      out = 'SSS';
      i += 2;
    } else if (c === 'P' && next === 'H') {
      out = 'FF';
      i++;
    } else if (c === 'H' && (!isVowel(previous) || !isVowel(next))) out = previous;
    else if (c === 'W' && isVowel(previous)) out = previous;
    else out = c;
    // The translated letter stands in the name from now on (the H and W rules look back at it).
    chars[i] = out.slice(-1);
    for (const o of out) if (!key.endsWith(o)) key += o;
  }

  // 4. The key's end.
  if (key.length > 1 && key.endsWith('S')) key = key.slice(0, -1);
  if (key.length > 2 && key.endsWith('AY')) key = `${key.slice(0, -2)}Y`;
  if (key.length > 1 && key.endsWith('A')) key = key.slice(0, -1);
  return key.slice(0, maxLength);
}
