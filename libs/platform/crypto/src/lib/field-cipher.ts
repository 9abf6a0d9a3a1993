import { DecryptionError, type Keyring } from './keyring';

const VERSION = 'f1';
const textPattern = /^f1\.([A-Za-z0-9._-]{1,64})\.([A-Za-z0-9_-]+)$/;

/**
 * Encrypts single column values (SSN, date of birth, …) for storage as text: `f1.<keyId>.<base64url>`. The
 * context, e.g. `referrals.person.ssn:<recordId>`, is authenticated with the value, so a ciphertext copied into
 * another column or record does not decrypt there.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  /** The key id new values are encrypted with (a re-encryption job compares stored ids with it). */
  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  encrypt(value: string, context: string): string {
    if (typeof value !== 'string') throw new TypeError('FieldCipher.encrypt takes a string value');
    const { keyId, data } = this.keyring.seal(Buffer.from(value, 'utf8'), aadOf(context));
    return `${VERSION}.${keyId}.${data.toString('base64url')}`;
  }

  decrypt(text: string, context: string): string {
    const aad = aadOf(context);
    const [, keyId, data] = (typeof text === 'string' ? textPattern.exec(text) : null) ?? [];
    if (!keyId || !data) throw new DecryptionError(`Not a field ciphertext (expected ${VERSION}.<keyId>.<base64url>)`);
    return this.keyring.open(keyId, Buffer.from(data, 'base64url'), aad).toString('utf8');
  }

  /** The key id a stored value was encrypted with, or undefined when it is not a field ciphertext. */
  static keyIdOf(text: string): string | undefined {
    return textPattern.exec(text)?.[1];
  }
}

function aadOf(context: string): Buffer {
  // NUL separates the version from the context; a context holding NUL could impersonate another one.
  if (typeof context !== 'string' || context.length === 0 || context.includes('\u0000'))
    throw new TypeError('FieldCipher needs a non-empty context without NUL characters');
  return Buffer.from(`${VERSION}\u0000${context}`, 'utf8');
}
