import { createDecipheriv, randomBytes } from 'node:crypto';
import { ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Keyring } from '@linkages/platform-crypto';
import { EncryptionCodec, PayloadDecodeError, parseEncryptionKeys } from './encryption-codec';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"ssn":"123-45-6789"}') };

describe('EncryptionCodec (AES-256-GCM)', () => {
  it('encrypts with the newest key, records its id, and decrypts back', async () => {
    const codec = new EncryptionCodec(parseEncryptionKeys(`${key('k1')},${key('k2')}`));
    const [encrypted] = await codec.encode([payload]);
    expect(Buffer.from(encrypted!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    expect(Buffer.from(encrypted!.data!).toString('latin1')).not.toContain('123-45-6789');
    const [decrypted] = await codec.decode([encrypted!]);
    expect(Buffer.from(decrypted!.data!).toString()).toBe('{"ssn":"123-45-6789"}');
  });

  it('rotates: payloads written with an old key still decrypt after a new key is added', async () => {
    const k1 = key('k1');
    const [old] = await new EncryptionCodec(parseEncryptionKeys(k1)).encode([payload]);
    const rotated = new EncryptionCodec(parseEncryptionKeys(`${k1},${key('k2')}`));
    expect(Buffer.from((await rotated.decode([old!]))[0]!.data!).toString()).toContain('123-45-6789');
    await expect(new EncryptionCodec(parseEncryptionKeys(key('k2'))).decode([old!])).rejects.toThrow(/No decryption key 'k1'/);
  });

  it('detects tampering and passes unencrypted payloads through', async () => {
    const codec = new EncryptionCodec(parseEncryptionKeys(key('k1')));
    const [encrypted] = await codec.encode([payload]);
    const tampered = { ...encrypted!, data: Buffer.from(encrypted!.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(codec.decode([tampered])).rejects.toThrow();
    expect(await codec.decode([payload])).toEqual([payload]);
  });

  it('names the payload that cannot be decoded and why (a ValueError), never the key material', async () => {
    const k1 = key('k1');
    const codec = new EncryptionCodec(parseEncryptionKeys(k1));
    const [good, other] = await codec.encode([payload, payload]);
    const failureOf = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );
    const unknown = await failureOf(new EncryptionCodec(parseEncryptionKeys(key('k2'))).decode([payload, good!]));
    expect(unknown).toBeInstanceOf(PayloadDecodeError);
    expect(unknown).toBeInstanceOf(ValueError);
    expect(unknown).toMatchObject({ index: 1, failure: 'unknown-key', keyId: 'k1' });
    const tampered = { ...other!, data: Buffer.from(other!.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    const altered = await failureOf(codec.decode([good!, payload, tampered]));
    expect(altered).toMatchObject({ index: 2, failure: 'not-authentic', keyId: 'k1' });
    const truncated = await failureOf(codec.decode([{ ...good!, data: Buffer.from(good!.data!).subarray(0, 10) }]));
    expect(truncated).toMatchObject({ index: 0, failure: 'not-authentic' });
    // Authentic, but not a Temporal payload (sealed by someone holding the key).
    const sealed = new Keyring(parseEncryptionKeys(k1), 'TEMPORAL_ENCRYPTION_KEYS').seal(Buffer.from([0xff, 0xff, 0xff]));
    const garbage = await failureOf(codec.decode([{ metadata: good!.metadata, data: sealed.data }]));
    expect(garbage).toMatchObject({ index: 0, failure: 'malformed', keyId: 'k1' });
    for (const e of [unknown, altered, truncated, garbage]) expect((e as Error).message).not.toContain(k1.split(':')[1]!);
  });

  it('keeps the wire format: decodes a payload encoded before the crypto refactor, and encodes iv|ciphertext|tag without AAD', async () => {
    const spec = `k1:${Buffer.alloc(32, 1).toString('base64')},rot-2024.a:${Buffer.alloc(32, 7).toString('base64')}`;
    const codec = new EncryptionCodec(parseEncryptionKeys(spec));
    const frozen = {
      metadata: {
        encoding: Buffer.from('binary/encrypted'),
        'encryption-key-id': Buffer.from('rot-2024.a'),
        'encryption-cipher': Buffer.from('AES256GCM'),
      },
      data: Buffer.from('+D7YslbK6/2oIxBmXU7cjzZWtF+xXbVcYk8GfZ4z2p6HdjjXVIoBzdE4/oFhv8kto7mQFPh+duI6GXHUJUAaLOTR442iDfzYeLQE', 'base64'),
    };
    expect(Buffer.from((await codec.decode([frozen]))[0]!.data!).toString()).toBe('{"ssn":"123-45-6789"}');

    const [encoded] = await codec.encode([payload]);
    expect(Object.fromEntries(Object.entries(encoded!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString()]))).toEqual({
      encoding: 'binary/encrypted',
      'encryption-key-id': 'rot-2024.a',
      'encryption-cipher': 'AES256GCM',
    });
    const data = Buffer.from(encoded!.data!);
    const decipher = createDecipheriv('aes-256-gcm', Buffer.alloc(32, 7), data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plaintext = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
    expect(Buffer.from(temporal.api.common.v1.Payload.decode(plaintext).data!).toString()).toBe('{"ssn":"123-45-6789"}');
  });

  it('rejects malformed key configuration', () => {
    expect(() => parseEncryptionKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseEncryptionKeys('')).toThrow(/no key/);
    expect(() => parseEncryptionKeys(`${key('k1')},${key('k1')}`)).toThrow(/repeats/);
    expect(() => parseEncryptionKeys('nocolon')).toThrow(/id:base64key/);
  });
});
