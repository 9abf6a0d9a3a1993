const popcount = (byte: number): number => {
  let n = byte;
  let count = 0;
  while (n) {
    n &= n - 1;
    count++;
  }
  return count;
};

const bits = (base64: string): Uint8Array => {
  const raw = atob(base64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
};

/**
 * Dice similarity of two keyed Bloom filters (base64, equal length): 2|A∩B| / (|A| + |B|). Filters of names that share
 * most bigrams share most bits, so a typo or a transposition keeps the similarity high (Schnell et al. 2009).
 */
export function bloomDice(a: string, b: string): number {
  if (a === b) return 1;
  const x = bits(a);
  const y = bits(b);
  if (x.length !== y.length) return 0;
  let both = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    both += popcount((x[i] ?? 0) & (y[i] ?? 0));
    total += popcount(x[i] ?? 0) + popcount(y[i] ?? 0);
  }
  return total === 0 ? 0 : (2 * both) / total;
}
