import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';

export interface EncryptionKey {
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

/**
 * Parses `TEMPORAL_ENCRYPTION_KEYS`: `id:base64key[,id:base64key…]`. The last key encrypts new payloads; every
 * listed key decrypts, so keys rotate by appending a new one and dropping an old one once nothing needs it.
 */
export function parseEncryptionKeys(spec: string): EncryptionKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, material] = entry.split(':');
      if (!id || !material || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new Error('TEMPORAL_ENCRYPTION_KEYS entries must be id:base64key');
      const key = Buffer.from(material, 'base64');
      if (key.length !== 32) throw new Error(`Temporal encryption key '${id}' must be 32 bytes (AES-256), got ${key.length}`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error('TEMPORAL_ENCRYPTION_KEYS has no key');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('TEMPORAL_ENCRYPTION_KEYS repeats a key id');
  return keys;
}

/**
 * AES-256-GCM payload codec: every payload (workflow inputs and results, activity arguments, signals, queries,
 * memos, and failure details with encodeCommonAttributes) leaves the process encrypted, with the key id in its
 * metadata. The server, its database and its UI see only ciphertext unless an authorized codec server decodes.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly active: EncryptionKey;

  constructor(keys: readonly EncryptionKey[]) {
    const active = keys.at(-1);
    if (!active) throw new Error('EncryptionCodec needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    this.active = active;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
      const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.active.id),
          [CIPHER_METADATA]: Buffer.from('AES256GCM'),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
      const keyId = payload.metadata?.[KEY_ID_METADATA] ? Buffer.from(payload.metadata[KEY_ID_METADATA]).toString() : '';
      const key = this.byId.get(keyId);
      if (!key) throw new ValueError(`No decryption key '${keyId}' is configured (rotated out too early?)`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plaintext = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plaintext);
    });
  }
}
