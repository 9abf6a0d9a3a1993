/**
 * Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes (the scheme's recommended range).
 * Pure (the caller draws the random bytes).
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
/** A generated secret's size. */
export const WEBHOOK_SECRET_BYTES = 32;

/** How long the previous secret still signs after a rotation (24 h): receivers switch over in that window. */
export const WEBHOOK_PREVIOUS_SECRET_TTL_MS = 24 * 3_600_000;

export type WebhookSecretCheck = { ok: true } | { ok: false; reason: 'missing' | 'no-prefix' | 'not-base64' | 'too-short' | 'too-long' };

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function checkWebhookSecret(secret: string): WebhookSecretCheck {
  if (typeof secret !== 'string' || secret.length === 0) return { ok: false, reason: 'missing' };
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return { ok: false, reason: 'no-prefix' };
  const b64 = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (b64.length === 0) return { ok: false, reason: 'missing' };
  if (!base64Pattern.test(b64)) return { ok: false, reason: 'not-base64' };
  const bytes = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  if (bytes < WEBHOOK_SECRET_MIN_BYTES) return { ok: false, reason: 'too-short' };
  if (bytes > WEBHOOK_SECRET_MAX_BYTES) return { ok: false, reason: 'too-long' };
  return { ok: true };
}

/** `whsec_` + base64 of the given random bytes. */
export function webhookSecretOf(randomBytes: Uint8Array): string {
  let bin = '';
  for (const b of randomBytes) bin += String.fromCharCode(b);
  return `${WEBHOOK_SECRET_PREFIX}${btoa(bin)}`;
}
