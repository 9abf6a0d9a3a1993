/** Polls until `probe` returns a truthy value (returned), or fails with the last value seen after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}
