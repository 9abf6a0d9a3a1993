import { createHmac, randomBytes } from 'node:crypto';
import {
  BlindIndex,
  DecryptionError,
  FieldCipher,
  InvalidIdentifierError,
  Keyring,
  UnknownKeyError,
  maskSsn,
  normalizeSsn,
  parseKeyring,
} from '../index';

const keySpec = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const CONTEXT = 'referrals.person.ssn:3f0c9a52-7f7e-4b1e-9d4e-0a1b2c3d4e5f';

describe('parseKeyring', () => {
  it('makes the last key active and keeps every key for decryption', () => {
    const ring = parseKeyring(`${keySpec('k1')}, ${keySpec('k.2_b-3')}`, 'FIELD_ENCRYPTION_KEYS');
    expect(ring.activeKeyId).toBe('k.2_b-3');
    expect(ring.keyIds).toEqual(['k1', 'k.2_b-3']);
  });

  it('rejects malformed specs, naming the variable but never the key material', () => {
    const short = 'c2hvcnQ=';
    const cases: [string, RegExp][] = [
      ['', /FIELD_ENCRYPTION_KEYS has no key/],
      [' , ', /FIELD_ENCRYPTION_KEYS has no key/],
      ['nocolon', /FIELD_ENCRYPTION_KEYS entries must be id:base64key/],
      [`:${randomBytes(32).toString('base64')}`, /FIELD_ENCRYPTION_KEYS entries must be id:base64key/],
      [`bad id:${randomBytes(32).toString('base64')}`, /entries must be id:base64key/],
      [`${'x'.repeat(65)}:${randomBytes(32).toString('base64')}`, /entries must be id:base64key/],
      ['k1:not*base64', /entries must be id:base64key/],
      [`k1:${short}`, /FIELD_ENCRYPTION_KEYS: key 'k1' must be 32 bytes \(AES-256\), got 5/],
      [`${keySpec('k1')},${keySpec('k1')}`, /FIELD_ENCRYPTION_KEYS repeats key id 'k1'/],
    ];
    for (const [spec, message] of cases) {
      let error: Error | undefined;
      try {
        parseKeyring(spec, 'FIELD_ENCRYPTION_KEYS');
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(short);
    }
  });

  it('accepts url-safe base64 keys', () => {
    expect(parseKeyring(`k1:${randomBytes(32).toString('base64url')}`, 'X').activeKeyId).toBe('k1');
  });
});

describe('Keyring seal/open (AES-256-GCM)', () => {
  const ring = parseKeyring(keySpec('k1'), 'KEYS');

  it('round-trips with and without associated data, with a fresh IV each time', () => {
    const a = ring.seal(Buffer.from('hello'), Buffer.from('aad'));
    const b = ring.seal(Buffer.from('hello'), Buffer.from('aad'));
    expect(a.keyId).toBe('k1');
    expect(a.data.length).toBe(12 + 5 + 16);
    expect(a.data.equals(b.data)).toBe(false);
    expect(ring.open('k1', a.data, Buffer.from('aad')).toString()).toBe('hello');
    expect(ring.open('k1', ring.seal(Buffer.from('x')).data).toString()).toBe('x');
    expect(() => ring.open('k1', a.data, Buffer.from('other'))).toThrow(DecryptionError);
    expect(() => ring.open('k1', a.data.subarray(0, 20))).toThrow(DecryptionError);
    expect(() => ring.open('k9', a.data)).toThrow(UnknownKeyError);
  });

  it('copies the key material it is given', () => {
    const key = randomBytes(32);
    const own = new Keyring([{ id: 'k', key }]);
    const sealed = own.seal(Buffer.from('v'));
    key.fill(0);
    expect(own.open('k', sealed.data).toString()).toBe('v');
  });
});

describe('FieldCipher', () => {
  const cipher = new FieldCipher(parseKeyring(keySpec('local-1'), 'FIELD_ENCRYPTION_KEYS'));

  it('round-trips to compact text and uses a random IV every time', () => {
    const text = cipher.encrypt('123-45-6789', CONTEXT);
    expect(text).toMatch(/^f1\.local-1\.[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('6789');
    expect(cipher.encrypt('123-45-6789', CONTEXT)).not.toBe(text);
    expect(cipher.decrypt(text, CONTEXT)).toBe('123-45-6789');
    expect(cipher.decrypt(cipher.encrypt('', CONTEXT), CONTEXT)).toBe('');
    expect(cipher.decrypt(cipher.encrypt('Zoë 👩‍👧', CONTEXT), CONTEXT)).toBe('Zoë 👩‍👧');
    expect(FieldCipher.keyIdOf(text)).toBe('local-1');
  });

  it('does not decrypt in another context (column or record)', () => {
    const text = cipher.encrypt('123-45-6789', CONTEXT);
    expect(() => cipher.decrypt(text, 'referrals.person.ssn:another-record')).toThrow(DecryptionError);
    expect(() => cipher.decrypt(text, 'referrals.person.dob:3f0c9a52-7f7e-4b1e-9d4e-0a1b2c3d4e5f')).toThrow(DecryptionError);
    expect(() => cipher.encrypt('x', '')).toThrow(/non-empty context/);
  });

  it('detects tampering and rejects malformed text without echoing it', () => {
    const text = cipher.encrypt('123-45-6789', CONTEXT);
    const body = Buffer.from(text.split('.')[2]!, 'base64url');
    for (const i of [0, 14, body.length - 1]) {
      const tampered = Buffer.from(body);
      tampered[i] = tampered[i]! ^ 1;
      expect(() => cipher.decrypt(`f1.local-1.${tampered.toString('base64url')}`, CONTEXT)).toThrow(DecryptionError);
    }
    expect(() => cipher.decrypt(`f1.local-1.${body.subarray(0, 27).toString('base64url')}`, CONTEXT)).toThrow(DecryptionError);
    expect(() => cipher.decrypt('123-45-6789', CONTEXT)).toThrow(/Not a field ciphertext/);
    expect(() => cipher.decrypt('123-45-6789', CONTEXT)).not.toThrow(/6789/);
    expect(() => cipher.decrypt(text.replace('f1.', 'f2.'), CONTEXT)).toThrow(DecryptionError);
  });

  it('rotates: a new key encrypts, values written with the old key still decrypt', () => {
    const k1 = keySpec('k1');
    const oldText = new FieldCipher(parseKeyring(k1, 'KEYS')).encrypt('old value', CONTEXT);
    const rotated = new FieldCipher(parseKeyring(`${k1},${keySpec('k2')}`, 'KEYS'));
    expect(rotated.activeKeyId).toBe('k2');
    expect(FieldCipher.keyIdOf(rotated.encrypt('new value', CONTEXT))).toBe('k2');
    expect(rotated.decrypt(oldText, CONTEXT)).toBe('old value');
    const withoutK1 = new FieldCipher(parseKeyring(keySpec('k2'), 'KEYS'));
    expect(() => withoutK1.decrypt(oldText, CONTEXT)).toThrow(UnknownKeyError);
  });
});

describe('BlindIndex', () => {
  const key = randomBytes(32);
  const index = new BlindIndex(key);

  it('is deterministic, normalizes SSNs, and depends on the key', () => {
    expect(index.ssn('123-45-6789')).toBe(index.ssn('123456789'));
    expect(index.ssn(' 123 45 6789 ')).toBe(index.ssn('123456789'));
    expect(index.ssn('123456789')).toMatch(/^[0-9a-f]{64}$/);
    expect(index.ssn('123456789')).not.toBe(index.ssn('123456788'));
    expect(BlindIndex.fromBase64(key.toString('base64')).ssn('123456789')).toBe(index.ssn('123456789'));
    expect(new BlindIndex(randomBytes(32)).ssn('123456789')).not.toBe(index.ssn('123456789'));
  });

  it('is HMAC-SHA256 with a domain-separation prefix per kind', () => {
    const expected = createHmac('sha256', key).update('ssn\u0000123456789').digest('hex');
    expect(index.ssn('123-45-6789')).toBe(expected);
    expect(index.date('1990-01-31')).toBe(createHmac('sha256', key).update('dob\u00001990-01-31').digest('hex'));
    expect(index.generic('ssn', '123456789')).toBe(expected);
    expect(index.generic('cin', '123456789')).not.toBe(expected);
    expect(() => index.generic('Bad Kind', 'x')).toThrow(/kind/);
    expect(() => index.generic('cin', '')).toThrow(InvalidIdentifierError);
  });

  it('rejects invalid SSNs without echoing them', () => {
    const invalid = [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '999-99-9999',
      '123-00-4567',
      '123-45-0000',
      '12345678',
      '1234567890',
      '123-45-678a',
      '123.45.6789',
      '',
    ];
    for (const value of invalid) {
      let error: unknown;
      try {
        index.ssn(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid SSN/);
      for (const part of value.split(/[^0-9]+/).filter((p) => p.length >= 2)) expect(message).not.toContain(part);
    }
    expect(normalizeSsn('899-99-9999')).toBe('899999999');
  });

  it('validates ISO dates', () => {
    expect(index.date('2024-02-29')).toBe(index.date(' 2024-02-29 '));
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-1-5', '01/31/1990', '1990-01-31T00:00:00Z', '0000-01-01']) {
      expect(() => index.date(bad)).toThrow(InvalidIdentifierError);
    }
  });

  it('needs a 32-byte key', () => {
    expect(() => new BlindIndex(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => BlindIndex.fromBase64('c2hvcnQ=')).toThrow(/BLIND_INDEX_KEY must be 32 bytes/);
    expect(() => BlindIndex.fromBase64('not base64!')).toThrow(/BLIND_INDEX_KEY/);
  });

  it('masks SSNs for display', () => {
    expect(maskSsn('123-45-6789')).toBe('***-**-6789');
    expect(maskSsn('123456789')).toBe('***-**-6789');
    expect(maskSsn('12345')).toBe('***-**-****');
  });
});
