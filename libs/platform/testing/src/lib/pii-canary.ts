/**
 * The PII canary over serialized payloads (outbox rows, Kafka values): which of the plaintexts (name parts, dates of
 * birth in any spelling, SSNs and their last four) appear in them.
 *
 * Keyed tokens (64 hex digits) and Bloom filters (long base64) are random-looking runs that contain any short string
 * by chance now and then ('6789' in hex, 'BAO' in base64; each has happened in a fresh-clone CI), so the canary reads
 * what is left once runs of 20 or more token characters are cut out. A name or date written as a field of its own is
 * shorter than that and stays in view; `cut` says how many runs were removed, so a spec can check there were tokens
 * to cut at all.
 */
export function piiCanary(payloads: readonly string[], plaintexts: readonly string[]): { found: string[]; cut: number } {
  let cut = 0;
  const rest = payloads.join('\n').replace(/[A-Za-z0-9+/=_-]{20,}/g, () => {
    cut += 1;
    return '…';
  });
  return { found: plaintexts.filter((plain) => rest.includes(plain)), cut };
}

/** The canary as a test's assertion: there were tokens to cut, and none of the plaintexts is left. */
export function expectNoPlaintext(payloads: readonly string[], plaintexts: readonly string[]): void {
  const { found, cut } = piiCanary(payloads, plaintexts);
  expect({ tokensCut: cut > 0, found }).toEqual({ tokensCut: true, found: [] });
}
