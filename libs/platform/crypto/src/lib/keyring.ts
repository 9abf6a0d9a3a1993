import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const AES_KEY_BYTES = 32;
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const base64Pattern = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

export interface KeyringKey {
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export interface Sealed {
  keyId: string;
  /** iv (12 bytes) | ciphertext | GCM tag (16 bytes). */
  data: Buffer;
}

/** Unknown key id: usually a key rotated out while data written with it still exists. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`No decryption key '${keyId}' is configured (rotated out too early?)`);
    this.name = 'UnknownKeyError';
  }
}

/** Authentication failed: wrong key, wrong associated data (context), truncated or tampered data. */
export class DecryptionError extends Error {
  constructor(message = 'Decryption failed: wrong key or context, or the data was altered') {
    super(message);
    this.name = 'DecryptionError';
  }
}

/**
 * Parses `id:base64key[,id:base64key…]` into keys without building a keyring. Errors name the variable and the
 * key id, never the key material.
 */
export function parseKeySpec(spec: string, variableName: string): KeyringKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      const id = colon > 0 ? entry.slice(0, colon) : '';
      const material = colon > 0 ? entry.slice(colon + 1) : '';
      if (!keyIdPattern.test(id) || !base64Pattern.test(material)) {
        throw new Error(`${variableName} entries must be id:base64key (id of 1-64 characters A-Z a-z 0-9 . _ -)`);
      }
      const key = Buffer.from(material, material.includes('-') || material.includes('_') ? 'base64url' : 'base64');
      if (key.length !== AES_KEY_BYTES)
        throw new Error(`${variableName}: key '${id}' must be ${AES_KEY_BYTES} bytes (AES-256), got ${key.length}`);
      return { id, key };
    });
  assertKeys(keys, variableName);
  return keys;
}

/** Parses a key list from configuration: the last key encrypts, every key decrypts (rotation). */
export function parseKeyring(spec: string, variableName: string): Keyring {
  return new Keyring(parseKeySpec(spec, variableName), variableName);
}

function assertKeys(keys: readonly KeyringKey[], name: string): void {
  if (keys.length === 0) throw new Error(`${name} has no key`);
  const seen = new Set<string>();
  for (const { id, key } of keys) {
    if (!keyIdPattern.test(id)) throw new Error(`${name}: invalid key id (1-64 characters A-Z a-z 0-9 . _ -)`);
    if (key.length !== AES_KEY_BYTES) throw new Error(`${name}: key '${id}' must be ${AES_KEY_BYTES} bytes (AES-256), got ${key.length}`);
    if (seen.has(id)) throw new Error(`${name} repeats key id '${id}'`);
    seen.add(id);
  }
}

/**
 * AES-256-GCM keys by id. Keys rotate by appending a new one (it encrypts from then on) and dropping an old one
 * once nothing written with it remains. Key material stays private to this object.
 */
export class Keyring {
  readonly #byId: Map<string, Buffer>;
  readonly #active: KeyringKey;

  constructor(keys: readonly KeyringKey[], name = 'keyring') {
    assertKeys(keys, name);
    // Copies, so a caller reusing or zeroing its buffers cannot change the keyring.
    const copies = keys.map((k) => ({ id: k.id, key: Buffer.from(k.key) }));
    const active = copies.at(-1);
    if (!active) throw new Error(`${name} has no key`);
    this.#byId = new Map(copies.map((k) => [k.id, k.key]));
    this.#active = active;
  }

  /** The id of the key new data is encrypted with. */
  get activeKeyId(): string {
    return this.#active.id;
  }

  get keyIds(): string[] {
    return [...this.#byId.keys()];
  }

  has(keyId: string): boolean {
    return this.#byId.has(keyId);
  }

  /** Encrypts with the active key and a fresh random IV; `aad` is authenticated but not encrypted. */
  seal(plaintext: Buffer | Uint8Array, aad?: Buffer | Uint8Array): Sealed {
    const iv = randomBytes(GCM_IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#active.key, iv, { authTagLength: GCM_TAG_BYTES });
    if (aad && aad.length > 0) cipher.setAAD(aad);
    const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { keyId: this.#active.id, data };
  }

  /** Decrypts data sealed with any key of the ring; throws UnknownKeyError or DecryptionError. */
  open(keyId: string, data: Buffer | Uint8Array, aad?: Buffer | Uint8Array): Buffer {
    const key = this.#byId.get(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.length < GCM_IV_BYTES + GCM_TAG_BYTES) throw new DecryptionError('Decryption failed: data is too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, GCM_IV_BYTES), { authTagLength: GCM_TAG_BYTES });
      if (aad && aad.length > 0) decipher.setAAD(aad);
      decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(GCM_IV_BYTES, bytes.length - GCM_TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptionError();
    }
  }
}
