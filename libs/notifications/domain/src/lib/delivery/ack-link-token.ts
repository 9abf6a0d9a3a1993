/**
 * Signed, expiring acknowledgment-link tokens: `<base64url(payload json)>.<base64url(HMAC-SHA256)>`.
 * The MAC function is injected (node:crypto in the activities/feature) so this file stays sandbox-safe.
 */
export interface AckLinkPayload {
  escalationId: string;
  level: number;
  staffId: string;
  expiresAt: string;
  nonce: string;
}

/** HMAC-SHA256 of `data` under the key. */
export type Mac = (data: string) => Uint8Array;

export type AckLinkVerification = { ok: true; payload: AckLinkPayload } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63);
    if (i + 1 < bytes.length) out += B64.charAt((n >> 6) & 63);
    if (i + 2 < bytes.length) out += B64.charAt(n & 63);
  }
  return out;
}

export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Compares two byte strings in time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function signAckLink(payload: AckLinkPayload, mac: Mac): string {
  const body = base64url(utf8(JSON.stringify(payload)));
  return `${body}.${base64url(mac(body))}`;
}

export function verifyAckLink(token: string, mac: Mac, now: Date): AckLinkVerification {
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [body = '', sig = ''] = parts;
  const sigBytes = fromBase64url(sig);
  if (!sigBytes) return { ok: false, reason: 'malformed' };
  if (!constantTimeEqual(sigBytes, mac(body))) return { ok: false, reason: 'bad-signature' };
  const raw = fromBase64url(body);
  if (!raw) return { ok: false, reason: 'malformed' };
  let payload: AckLinkPayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(raw)) as AckLinkPayload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof payload.escalationId !== 'string' ||
    typeof payload.level !== 'number' ||
    typeof payload.staffId !== 'string' ||
    typeof payload.nonce !== 'string' ||
    typeof payload.expiresAt !== 'string' ||
    Number.isNaN(Date.parse(payload.expiresAt))
  )
    return { ok: false, reason: 'malformed' };
  if (Date.parse(payload.expiresAt) <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
