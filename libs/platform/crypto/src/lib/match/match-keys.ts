import { createHmac } from 'node:crypto';
import { InvalidIdentifierError, normalizeIsoDate, normalizeSsn } from '../blind-index';
import { nicknameCanonical } from './nicknames';
import { normalizeName, surnameParts } from './normalize-name';
import { nysiis } from './nysiis';

export const MATCH_KEY_BYTES = 32;
/** Nest token of the service's MatchKeys (from MATCH_KEY), provided by the platform providers. */
export const MATCH_KEYS = Symbol('MATCH_KEYS');
/** Bloom filter size and hash count of a name's cryptographic long-term key (Schnell, Bachteler & Reiher 2009). */
export const BLOOM_BITS = 512;
export const BLOOM_HASHES = 15;

/** The match keys of one person: keyed tokens only (assignable to MatchKeySet of @linkages/shared-contracts). */
export interface PersonMatchKeys {
  keyId: string;
  ssn?: string;
  dob?: { full: string; swap: string; ym: string; md: string; yd: string };
  first: { exact: string; canonical: string; phonetic: string; bloom: string };
  last: { exact: string; parts: string[]; phonetic: string[]; bloom: string };
  blocking: string[];
}

export interface MatchPerson {
  firstName: string;
  lastName: string;
  /** ISO yyyy-mm-dd; absent when unknown. */
  dateOfBirth?: string | undefined;
  ssn?: string | undefined;
}

/**
 * Privacy-preserving match keys (issue 13, Deliver 1). Every token is HMAC-SHA256 under MATCH_KEY with its own domain
 * prefix, so equal inputs of different kinds never give equal tokens, and nobody without the key can test a guess.
 * The key is separate from BLIND_INDEX_KEY (per-service stored lookups): it is shared only by the services that
 * publish keys and the matching service, and rotates on its own (`keyId` tells which key made a set).
 */
export class MatchKeys {
  readonly #key: Buffer;
  readonly keyId: string;

  constructor(key: Buffer | Uint8Array) {
    if (key.length !== MATCH_KEY_BYTES) throw new Error(`Match key must be ${MATCH_KEY_BYTES} bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
    this.keyId = createHmac('sha256', this.#key).update('linkages.match-key.id').digest('hex').slice(0, 16);
  }

  static fromBase64(b64: string, variableName = 'MATCH_KEY'): MatchKeys {
    const trimmed = typeof b64 === 'string' ? b64.trim() : '';
    if (!/^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/.test(trimmed))
      throw new Error(`${variableName} must be a base64 key of ${MATCH_KEY_BYTES} bytes`);
    const key = Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64');
    if (key.length !== MATCH_KEY_BYTES) throw new Error(`${variableName} must be ${MATCH_KEY_BYTES} bytes, got ${key.length}`);
    return new MatchKeys(key);
  }

  /**
   * The match keys of a person. An SSN that cannot be valid is left out (it matches nothing); an invalid date of
   * birth throws InvalidIdentifierError (the caller validated it); a name with no letter throws too.
   */
  forPerson(person: MatchPerson): PersonMatchKeys {
    const first = normalizeName(person.firstName);
    const last = normalizeName(person.lastName);
    if (!first.whole) throw new InvalidIdentifierError('first-name', 'Invalid first name: no letters');
    if (!last.whole) throw new InvalidIdentifierError('last-name', 'Invalid last name: no letters');

    const canonical = nicknameCanonical(first.parts[0] ?? first.whole);
    const firstPhonetic = nysiis(canonical);
    const lastParts = surnameParts(last);
    const lastPhonetics = [...new Set(lastParts.map((p) => nysiis(p)))];

    const keys: PersonMatchKeys = {
      keyId: this.keyId,
      first: {
        exact: this.token('first.exact', first.whole),
        canonical: this.token('first.canonical', canonical),
        phonetic: this.token('first.phonetic', firstPhonetic),
        bloom: this.bloom(first.whole),
      },
      last: {
        exact: this.token('last.exact', last.whole),
        parts: [...new Set(lastParts)].map((p) => this.token('last.part', p)),
        phonetic: lastPhonetics.map((p) => this.token('last.phonetic', p)),
        bloom: this.bloom(last.whole),
      },
      blocking: [],
    };
    const blocking = new Set<string>([this.token('block.first-last-phonetic', `${firstPhonetic}|${lastPhonetics[0]}`)]);

    const ssn = validSsn(person.ssn);
    if (ssn) {
      keys.ssn = this.token('ssn', ssn);
      blocking.add(this.token('block.ssn', ssn));
    }
    if (person.dateOfBirth) {
      const [year, month, day] = normalizeIsoDate(person.dateOfBirth).split('-') as [string, string, string];
      const sortedMonthDay = [month, day].sort().join('-');
      keys.dob = {
        full: this.token('dob.full', `${year}-${month}-${day}`),
        swap: this.token('dob.swap', `${year}|${sortedMonthDay}`),
        ym: this.token('dob.ym', `${year}-${month}`),
        md: this.token('dob.md', `${month}-${day}`),
        yd: this.token('dob.yd', `${year}|${day}`),
      };
      blocking.add(this.token('block.year-first-phonetic', `${year}|${firstPhonetic}`));
      for (const phonetic of lastPhonetics) blocking.add(this.token('block.last-phonetic-year', `${phonetic}|${year}`));
      blocking.add(this.token('block.dob-swap', `${year}|${sortedMonthDay}`));
    }
    keys.blocking = [...blocking];
    return keys;
  }

  /** One keyed token of a normalized value (hex). */
  token(kind: string, normalized: string): string {
    return createHmac('sha256', this.#key).update(`match.${kind}\u0000`, 'utf8').update(normalized, 'utf8').digest('hex');
  }

  /**
   * A name's keyed Bloom filter (CLK): each padded bigram (`_M`, `MA`, … `A_`) sets 15 of 512 bits chosen by double
   * hashing, g_i = (h1 + i·h2) mod 512, with h1, h2 from one keyed HMAC of the bigram. Base64 of 64 bytes.
   */
  bloom(normalized: string): string {
    const bits = Buffer.alloc(BLOOM_BITS / 8);
    const padded = `_${normalized}_`;
    for (let i = 0; i < padded.length - 1; i++) {
      const digest = createHmac('sha256', this.#key)
        .update('match.bloom\u0000', 'utf8')
        .update(padded.slice(i, i + 2), 'utf8')
        .digest();
      const h1 = digest.readUInt32BE(0);
      const h2 = digest.readUInt32BE(4) | 1;
      for (let k = 0; k < BLOOM_HASHES; k++) {
        const position = (h1 + k * h2) % BLOOM_BITS;
        bits[position >> 3] = (bits[position >> 3] ?? 0) | (1 << (position & 7));
      }
    }
    return bits.toString('base64');
  }
}

/** Dice similarity of two Bloom filters (base64): 2·|A∩B| / (|A| + |B|), 1 for identical names, near 0 for unrelated. */
export function dice(a: string, b: string): number {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  if (x.length !== y.length) throw new Error('Bloom filters of different sizes');
  let both = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    both += popcount(xi & yi);
    total += popcount(xi) + popcount(yi);
  }
  return total === 0 ? 0 : (2 * both) / total;
}

function popcount(byte: number): number {
  let n = byte;
  let count = 0;
  while (n) {
    n &= n - 1;
    count++;
  }
  return count;
}

function validSsn(ssn: string | undefined): string | undefined {
  if (!ssn) return undefined;
  try {
    return normalizeSsn(ssn);
  } catch (error) {
    if (error instanceof InvalidIdentifierError) return undefined;
    throw error;
  }
}

/**
 * The age band of a person on a date (`child` under 18, `under-20` 18–19, `20-plus`), as the match-keys events carry
 * it instead of the date of birth. Both dates ISO yyyy-mm-dd.
 */
export function ageBandOf(dateOfBirth: string, on: string): 'child' | 'under-20' | '20-plus' {
  const [by, bm, bd] = normalizeIsoDate(dateOfBirth).split('-').map(Number) as [number, number, number];
  const [y, m, d] = normalizeIsoDate(on).split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age < 18 ? 'child' : age < 20 ? 'under-20' : '20-plus';
}
