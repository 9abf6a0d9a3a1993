export interface RefusalBudgetOptions {
  /** Refusals per window a key may get answered as such; the ones beyond are answered 429. */
  limit: number;
  /** The window (fixed, from a key's first refusal). */
  windowMs: number;
  /** How many keys are tracked at most: beyond it the oldest are forgotten (expired ones first). */
  maxKeys: number;
  /** How many refused tokens are remembered per key. */
  tokensPerKey?: number;
  /** Milliseconds since the epoch (a fake clock in tests). */
  now?: () => number;
}

interface Allowance<T> {
  resetAt: number;
  spent: number;
  /** Tokens refused in this window (by digest), with their refusal. */
  tokens: Map<string, T>;
}

/**
 * How many refusals a client (an address before its token is verified, a subject after) may get per window before
 * it gets 429 instead: a fixed window per key, started by its first refusal. Only refusals spend it, so a client's
 * accepted calls are never counted or limited here. It also remembers the tokens refused to a key in the window, so
 * that once the key's budget is spent the same token is answered 429 without being verified again. Pure; memory
 * is bounded by `maxKeys` × `tokensPerKey`.
 */
export class RefusalBudget<T> {
  private readonly allowances = new Map<string, Allowance<T>>();
  private readonly now: () => number;
  private readonly tokensPerKey: number;

  constructor(private readonly options: RefusalBudgetOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0) || !(options.maxKeys >= 1))
      throw new RangeError('RefusalBudget needs limit >= 1, windowMs > 0 and maxKeys >= 1');
    this.now = options.now ?? Date.now;
    this.tokensPerKey = options.tokensPerKey ?? 8;
  }

  /** Keys tracked. */
  get size(): number {
    return this.allowances.size;
  }

  /** Spends one refusal of `key`: undefined while within the budget, else the seconds until its window resets. */
  spend(key: string): number | undefined {
    const now = this.now();
    const allowance = this.live(key, now) ?? this.open(key, now);
    allowance.spent += 1;
    return allowance.spent > this.options.limit ? secondsUntil(allowance.resetAt, now) : undefined;
  }

  /** The seconds until `key`'s window resets when its budget is spent, else undefined. */
  exhausted(key: string): number | undefined {
    const now = this.now();
    const allowance = this.live(key, now);
    return allowance && allowance.spent >= this.options.limit ? secondsUntil(allowance.resetAt, now) : undefined;
  }

  /** Remembers a token (its digest) refused to `key`, with its refusal, for the rest of the window. */
  remember(key: string, digest: string, refusal: T): void {
    const allowance = this.live(key, this.now());
    if (!allowance || allowance.tokens.has(digest)) return;
    if (allowance.tokens.size >= this.tokensPerKey) allowance.tokens.delete(allowance.tokens.keys().next().value as string);
    allowance.tokens.set(digest, refusal);
  }

  /** The refusal of a token refused to `key` in this window, when the key's budget is spent (else undefined). */
  refusedAgain(key: string, digest: string): T | undefined {
    return this.exhausted(key) === undefined ? undefined : this.allowances.get(key)?.tokens.get(digest);
  }

  private live(key: string, now: number): Allowance<T> | undefined {
    const allowance = this.allowances.get(key);
    if (allowance && now < allowance.resetAt) return allowance;
    if (allowance) this.allowances.delete(key);
    return undefined;
  }

  private open(key: string, now: number): Allowance<T> {
    // Windows open in time order, so the oldest (expired first) are at the front of the map.
    for (const [oldest, allowance] of this.allowances) {
      if (this.allowances.size < this.options.maxKeys && now < allowance.resetAt) break;
      this.allowances.delete(oldest);
    }
    const allowance: Allowance<T> = { resetAt: now + this.options.windowMs, spent: 0, tokens: new Map() };
    this.allowances.set(key, allowance);
    return allowance;
  }
}

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));
