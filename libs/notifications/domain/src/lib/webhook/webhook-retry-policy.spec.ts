import {
  DEFAULT_WEBHOOK_DISABLE_POLICY,
  WEBHOOK_BACKOFF_MS,
  attemptResultOf,
  maxWebhookAttempts,
  shouldDisableEndpoint,
  webhookRetryAt,
} from './webhook-retry-policy';

const t0 = new Date('2026-12-01T10:00:00Z');
const delayOf = (attempts: number, jitter = 0) => {
  const at = webhookRetryAt(attempts, t0, jitter);
  return at ? at.getTime() - t0.getTime() : null;
};

describe('webhook backoff', () => {
  it('waits 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h, then gives up after 9 attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => delayOf(n))).toEqual([
      5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000,
    ]);
    expect(maxWebhookAttempts()).toBe(9);
    expect(delayOf(9)).toBeNull();
    expect(delayOf(0)).toBeNull();
    expect(delayOf(1.5)).toBeNull();
  });

  it('stretches each delay by up to 10 % with the jitter drawn outside, clamped to [0, 1)', () => {
    expect(delayOf(1, 0.5)).toBe(5_250);
    expect(delayOf(2, 0.999)).toBe(32_997);
    expect(delayOf(1, 7)).toBeLessThan(5_500);
    expect(delayOf(1, -1)).toBe(5_000);
    expect(delayOf(1, Number.NaN)).toBe(5_000);
  });

  it('takes a custom schedule (tests, per-deployment tuning)', () => {
    const policy = { schedule: [10, 20], jitterRatio: 0 };
    expect(webhookRetryAt(2, t0, 0.9, policy)?.getTime()).toBe(t0.getTime() + 20);
    expect(webhookRetryAt(3, t0, 0.9, policy)).toBeNull();
    expect(maxWebhookAttempts(policy)).toBe(3);
    expect(WEBHOOK_BACKOFF_MS).toHaveLength(8);
  });
});

describe('disabling an endpoint', () => {
  const hour = 3_600_000;
  it('after 15 failures in a row over at least an hour, or failing for more than 24 h with at least 3 failures', () => {
    const since = new Date(t0.getTime() - 25 * hour);
    const anHourAgo = new Date(t0.getTime() - hour);
    expect(shouldDisableEndpoint({ consecutiveFailures: 14, failingSince: anHourAgo }, t0)).toEqual({ disable: false });
    expect(shouldDisableEndpoint({ consecutiveFailures: 15, failingSince: anHourAgo }, t0)).toEqual({
      disable: true,
      reason: 'consecutive-failures',
    });
    // A burst: 40 messages failing their first attempt within a minute of an outage's start.
    expect(shouldDisableEndpoint({ consecutiveFailures: 40, failingSince: new Date(t0.getTime() - 60_000) }, t0)).toEqual({
      disable: false,
    });
    expect(shouldDisableEndpoint({ consecutiveFailures: 3, failingSince: since }, t0)).toEqual({
      disable: true,
      reason: 'failing-too-long',
    });
    expect(shouldDisableEndpoint({ consecutiveFailures: 2, failingSince: since }, t0)).toEqual({ disable: false });
    expect(shouldDisableEndpoint({ consecutiveFailures: 3, failingSince: new Date(t0.getTime() - 23 * hour) }, t0)).toEqual({
      disable: false,
    });
    expect(shouldDisableEndpoint({ consecutiveFailures: 3, failingSince: null }, t0, DEFAULT_WEBHOOK_DISABLE_POLICY)).toEqual({
      disable: false,
    });
  });

  it('counts only a 2xx as delivered', () => {
    expect(attemptResultOf({ status: 204 })).toEqual({ kind: 'delivered', status: 204 });
    expect(attemptResultOf({ status: 301 })).toEqual({ kind: 'failed', detail: 'http-301' });
    expect(attemptResultOf({ status: 500 })).toEqual({ kind: 'failed', detail: 'http-500' });
    expect(attemptResultOf({ error: 'timeout' })).toEqual({ kind: 'failed', detail: 'timeout' });
  });
});
