/**
 * When a failed webhook message is tried again, and when an endpoint is disabled (issue 14, Deliver 3 and 4). Pure:
 * the jitter is drawn by the caller (a number in [0, 1)) so the schedule is testable and replay-safe.
 */

/** Delay after the n-th failed attempt (ms): 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h; then the message fails. */
export const WEBHOOK_BACKOFF_MS: readonly number[] = [
  5_000,
  30_000,
  120_000,
  600_000,
  3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  24 * 3_600_000,
];

export interface WebhookRetryPolicy {
  /** Delays after each failed attempt; the message fails for good after `schedule.length + 1` attempts. */
  schedule: readonly number[];
  /** Each delay is stretched by up to this fraction (0.1: up to +10 %), spreading retries of many messages. */
  jitterRatio: number;
}

export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = { schedule: WEBHOOK_BACKOFF_MS, jitterRatio: 0.1 };

/** The most attempts a message gets (the first and one per scheduled delay). */
export const maxWebhookAttempts = (policy: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY_POLICY): number => policy.schedule.length + 1;

/**
 * When to try again after `attemptsMade` attempts, the last of which failed at `failedAt`; null when the message has
 * had all its attempts. `jitter` in [0, 1) (clamped) stretches the delay by up to `jitterRatio`.
 */
export function webhookRetryAt(
  attemptsMade: number,
  failedAt: Date,
  jitter: number,
  policy: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY_POLICY,
): Date | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1 || attemptsMade > policy.schedule.length) return null;
  const base = policy.schedule[attemptsMade - 1] ?? 0;
  const j = Math.min(Math.max(Number.isFinite(jitter) ? jitter : 0, 0), 0.999_999);
  return new Date(failedAt.getTime() + Math.floor(base * (1 + policy.jitterRatio * j)));
}

export interface WebhookDisablePolicy {
  /** Disable after this many failed attempts in a row (across messages; a success resets the count)… */
  maxConsecutiveFailures: number;
  /**
   * …once the endpoint has been failing for at least this long (ms): a burst of messages during a short outage (many
   * escalations at once, each failing its first attempt) must not disable an endpoint that is back minutes later.
   */
  minFailingMs: number;
  /** …or when the endpoint has failed every attempt for longer than this (ms), with at least `minFailuresForAge`. */
  maxFailingMs: number;
  minFailuresForAge: number;
}

/** 15 failed attempts in a row over at least an hour, or nothing but failures for more than 24 hours (at least 3 of them). */
export const DEFAULT_WEBHOOK_DISABLE_POLICY: WebhookDisablePolicy = {
  maxConsecutiveFailures: 15,
  minFailingMs: 3_600_000,
  maxFailingMs: 24 * 3_600_000,
  minFailuresForAge: 3,
};

export type WebhookDisableDecision = { disable: false } | { disable: true; reason: 'consecutive-failures' | 'failing-too-long' };

/** Whether an endpoint that has just failed an attempt is to be disabled (its counters already include that attempt). */
export function shouldDisableEndpoint(
  state: { consecutiveFailures: number; failingSince: Date | null },
  now: Date,
  policy: WebhookDisablePolicy = DEFAULT_WEBHOOK_DISABLE_POLICY,
): WebhookDisableDecision {
  const failingMs = state.failingSince ? now.getTime() - state.failingSince.getTime() : 0;
  if (state.consecutiveFailures >= policy.maxConsecutiveFailures && failingMs >= policy.minFailingMs)
    return { disable: true, reason: 'consecutive-failures' };
  if (
    state.failingSince &&
    state.consecutiveFailures >= policy.minFailuresForAge &&
    now.getTime() - state.failingSince.getTime() > policy.maxFailingMs
  )
    return { disable: true, reason: 'failing-too-long' };
  return { disable: false };
}

/** How an attempt went, from the receiver's answer: only a 2xx is delivered (a 3xx is not followed). */
export type WebhookAttemptResult = { kind: 'delivered'; status: number } | { kind: 'failed'; detail: string };

export function attemptResultOf(answer: { status: number } | { error: 'timeout' | 'network' | 'refused-address' }): WebhookAttemptResult {
  if ('error' in answer) return { kind: 'failed', detail: answer.error };
  if (answer.status >= 200 && answer.status < 300) return { kind: 'delivered', status: answer.status };
  return { kind: 'failed', detail: `http-${answer.status}` };
}
