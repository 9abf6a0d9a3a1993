import { createDecipheriv, randomBytes } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { EncryptionCodec, parseEncryptionKeys } from './encryption-codec';

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
