import { createHmac } from 'node:crypto';

export const BLIND_INDEX_KEY_BYTES = 32;

const kindPattern = /^[a-z][a-z0-9_.-]{0,63}$/;

/** A value that cannot be a valid identifier. The message never contains the value (it is personal data). */
export class InvalidIdentifierError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidIdentifierError';
  }
}

/**
 * Normalizes an SSN to its 9 digits (spaces and hyphens allowed as separators) and rejects numbers the SSA never
 * issues: area 000, 666 or 900-999, group 00, serial 0000.
 */
export function normalizeSsn(value: string): string {
  const digits = typeof value === 'string' ? value.replace(/[\s-]/g, '') : '';
  if (!/^\d{9}$/.test(digits)) throw new InvalidIdentifierError('ssn', 'Invalid SSN: expected 9 digits');
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9'))
    throw new InvalidIdentifierError('ssn', 'Invalid SSN: area number is never issued');
  if (digits.slice(3, 5) === '00') throw new InvalidIdentifierError('ssn', 'Invalid SSN: group number is never issued');
  if (digits.slice(5) === '0000') throw new InvalidIdentifierError('ssn', 'Invalid SSN: serial number is never issued');
  return digits;
}

/** Validates an ISO calendar date `yyyy-mm-dd` (a real day: no 2023-02-29). */
export function normalizeIsoDate(value: string): string {
  const date = typeof value === 'string' ? value.trim() : '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new InvalidIdentifierError('date', 'Invalid date: expected yyyy-mm-dd');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d); // unlike Date.UTC, does not map years 0-99 to 1900-1999
  if (y < 1 || probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    throw new InvalidIdentifierError('date', 'Invalid date: no such calendar day');
  }
  return date;
}

/** For display: only the last four digits, whatever the input (never throws, never shows more). */
export function maskSsn(ssn: string): string {
  const digits = typeof ssn === 'string' ? ssn.replace(/[\s-]/g, '') : '';
  return /^\d{9}$/.test(digits) ? `***-**-${digits.slice(5)}` : '***-**-****';
}

/**
 * Keyed HMAC-SHA256 "blind index" for exact-match lookups on encrypted columns (find a person by SSN without
 * decrypting every row). Each kind has its own domain prefix so equal inputs of different kinds never collide.
 * The key is separate from the encryption keys and must not rotate casually: every stored index depends on it.
 */
export class BlindIndex {
  readonly #key: Buffer;

  constructor(key: Buffer | Uint8Array) {
    if (key.length !== BLIND_INDEX_KEY_BYTES) throw new Error(`Blind index key must be ${BLIND_INDEX_KEY_BYTES} bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  static fromBase64(b64: string, variableName = 'BLIND_INDEX_KEY'): BlindIndex {
    const trimmed = typeof b64 === 'string' ? b64.trim() : '';
    if (!/^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/.test(trimmed))
      throw new Error(`${variableName} must be a base64 key of ${BLIND_INDEX_KEY_BYTES} bytes`);
    const key = Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64');
    if (key.length !== BLIND_INDEX_KEY_BYTES) throw new Error(`${variableName} must be ${BLIND_INDEX_KEY_BYTES} bytes, got ${key.length}`);
    return new BlindIndex(key);
  }

  ssn(value: string): string {
    return this.generic('ssn', normalizeSsn(value));
  }

  /** Date of birth (ISO yyyy-mm-dd). */
  date(value: string): string {
    return this.generic('dob', normalizeIsoDate(value));
  }

  /** Any other identifier; the caller normalizes it first (case, spacing) so equal values index equally. */
  generic(kind: string, normalized: string): string {
    if (!kindPattern.test(kind)) throw new Error('Blind index kind must be lower-case letters, digits, . _ - (up to 64)');
    if (typeof normalized !== 'string' || normalized.length === 0) throw new InvalidIdentifierError(kind, `Invalid ${kind}: empty value`);
    return createHmac('sha256', this.#key).update(`${kind}\u0000`, 'utf8').update(normalized, 'utf8').digest('hex');
  }
}
