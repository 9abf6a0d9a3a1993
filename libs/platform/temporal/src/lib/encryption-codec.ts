import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Keyring, parseKeySpec, type KeyringKey } from '@linkages/platform-crypto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';

export type EncryptionKey = KeyringKey;

/**
 * Parses `TEMPORAL_ENCRYPTION_KEYS`: `id:base64key[,id:base64key…]`. The last key encrypts new payloads; every
 * listed key decrypts, so keys rotate by appending a new one and dropping an old one once nothing needs it.
 */
export function parseEncryptionKeys(spec: string): EncryptionKey[] {
  return parseKeySpec(spec, 'TEMPORAL_ENCRYPTION_KEYS');
}

/** Why an encrypted payload cannot be decoded: its key is not configured, it is not authentic, or it is no payload. */
export type PayloadDecodeFailure = 'unknown-key' | 'not-authentic' | 'malformed';

/**
 * An encrypted payload that cannot be decoded: which one (its index in the list), why, and the key id its metadata
 * names (an id, never key material). A ValueError, as the SDK's data converter expects of a codec.
 */
export class PayloadDecodeError extends ValueError {
  constructor(
    readonly index: number,
    readonly failure: PayloadDecodeFailure,
    readonly keyId: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}

/**
 * AES-256-GCM payload codec: every payload (workflow inputs and results, activity arguments, signals, queries,
 * memos, and failure details with encodeCommonAttributes) leaves the process encrypted, with the key id in its
 * metadata. The server, its database and its UI see only ciphertext unless an authorized codec server decodes.
 * Wire format (kept stable for stored histories): data = iv(12) | ciphertext | tag(16), no associated data.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keyring: Keyring;

  constructor(keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new Error('EncryptionCodec needs at least one key');
    this.keyring = new Keyring(keys, 'TEMPORAL_ENCRYPTION_KEYS');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { keyId, data } = this.keyring.seal(temporal.api.common.v1.Payload.encode(payload).finish());
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(keyId),
          [CIPHER_METADATA]: Buffer.from('AES256GCM'),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload, index) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
      const keyId = payload.metadata?.[KEY_ID_METADATA] ? Buffer.from(payload.metadata[KEY_ID_METADATA]).toString() : '';
      if (!this.keyring.has(keyId))
        throw new PayloadDecodeError(index, 'unknown-key', keyId, `No decryption key '${keyId}' is configured (rotated out too early?)`);
      let plaintext: Buffer;
      try {
        plaintext = this.keyring.open(keyId, Buffer.from(payload.data ?? new Uint8Array()));
      } catch (error) {
        throw new PayloadDecodeError(
          index,
          'not-authentic',
          keyId,
          `Payload ${index} does not decrypt with key '${keyId}' (altered or truncated)`,
          error,
        );
      }
      try {
        return temporal.api.common.v1.Payload.decode(plaintext);
      } catch (error) {
        throw new PayloadDecodeError(index, 'malformed', keyId, `Payload ${index} decrypts to no Temporal payload`, error);
      }
    });
  }
}
