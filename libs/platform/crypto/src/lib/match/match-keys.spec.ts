import { randomBytes } from 'node:crypto';
import { InvalidIdentifierError } from '../blind-index';
import { BLOOM_BITS, MatchKeys, ageBandOf, dice } from './match-keys';
import { nicknameCanonical, nicknameTable } from './nicknames';
import { normalizeName, surnameParts } from './normalize-name';
import { nysiis } from './nysiis';

const keys = new MatchKeys(randomBytes(32));
const hex64 = /^[0-9a-f]{64}$/;
const person = { firstName: 'María', lastName: 'García-López', dateOfBirth: '1988-04-07', ssn: '123-45-6789' };

describe('normalizeName', () => {
  it.each([
    ['María José', 'MARIAJOSE', ['MARIA', 'JOSE']],
    ['  garcía-lópez ', 'GARCIALOPEZ', ['GARCIA', 'LOPEZ']],
    ["O'Brien", 'OBRIEN', ['OBRIEN']],
    ['Nguyễn Đức', 'NGUYENDUC', ['NGUYEN', 'DUC']],
    ['Muñoz', 'MUNOZ', ['MUNOZ']],
    ['Straße', 'STRASSE', ['STRASSE']],
    ['Mary-Ann', 'MARYANN', ['MARY', 'ANN']],
    ['J.R.', 'JR', ['JR']],
    ['123', '', []],
  ])('%s → %s', (input, whole, parts) => {
    expect(normalizeName(input)).toEqual({ whole, parts });
  });

  it('drops surname particles from the parts unless nothing else is left', () => {
    expect(surnameParts(normalizeName('de la Cruz'))).toEqual(['CRUZ']);
    expect(surnameParts(normalizeName('García y López'))).toEqual(['GARCIA', 'LOPEZ']);
    expect(surnameParts(normalizeName('De'))).toEqual(['DE']);
  });
});

describe('nicknameCanonical', () => {
  it.each([
    ['BILL', 'WILLIAM'],
    ['BETO', 'ALBERTO'],
    ['LUPE', 'GUADALUPE'],
    ['CHUY', 'JESUS'],
    ['PEPE', 'JOSE'],
    ['PANCHO', 'FRANCISCO'],
    ['PEGGY', 'MARGARET'],
    ['TOMMY', 'THOMAS'],
    ['WILLIAM', 'WILLIAM'],
    ['XOCHITL', 'XOCHITL'],
  ])('%s → %s', (nickname, formal) => expect(nicknameCanonical(nickname)).toBe(formal));

  it('is a curated table of well over a hundred pairs, upper-case letters only, never mapping a name to itself', () => {
    expect(nicknameTable.size).toBeGreaterThan(150);
    for (const [nickname, formal] of nicknameTable) {
      expect(nickname).toMatch(/^[A-Z]+$/);
      expect(formal).toMatch(/^[A-Z]+$/);
      expect(nickname).not.toBe(formal);
    }
  });
});

describe('nysiis', () => {
  it.each([
    ['SMITH', 'SNAT'],
    ['SMIT', 'SNAT'],
    ['JOHNSON', 'JANSAN'],
    ['JONSON', 'JANSAN'],
    ['KNUTH', 'NAT'],
    ['MACINTOSH', 'MCANT'],
    ['BROWN', 'BRAN'],
    ['PHILLIPS', 'FALAP'],
  ])('%s → %s', (name, code) => expect(nysiis(name)).toBe(code));

  it('gives sound-alike Spanish spellings one code and different names different codes', () => {
    expect(nysiis('GONZALEZ')).toBe(nysiis('GONSALEZ'));
    expect(nysiis('HERNANDEZ')).not.toBe(nysiis('FERNANDEZ'));
    expect(nysiis('')).toBe('');
  });
});

describe('MatchKeys', () => {
  it('makes only keyed hex tokens and 512-bit filters, never the plaintext', () => {
    const set = keys.forPerson(person);
    const json = JSON.stringify(set);
    for (const plain of ['MARIA', 'GARCIA', 'LOPEZ']) expect(json.toUpperCase()).not.toContain(plain);
    const leaves: string[] = [];
    const walk = (v: unknown): void => (typeof v === 'string' ? void leaves.push(v) : Object.values(v as object).forEach(walk));
    walk(set);
    for (const leaf of leaves) expect(leaf).toMatch(/^([0-9a-f]{64}|[0-9a-f]{16}|[A-Za-z0-9+/]{86}==)$/);
    expect(set.ssn).toMatch(hex64);
    expect(Object.values(set.dob!)).toEqual(expect.arrayContaining([expect.stringMatching(hex64)]));
    expect(set.last.parts).toHaveLength(2);
    expect(Buffer.from(set.first.bloom, 'base64')).toHaveLength(BLOOM_BITS / 8);
    expect(set.blocking.length).toBeGreaterThanOrEqual(4);
    expect(set.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is deterministic under one key and unrelated under another', () => {
    const again = keys.forPerson({ ...person, firstName: 'MARIA ', lastName: 'garcia lopez', ssn: '123456789' });
    const mine = keys.forPerson(person);
    expect(again.first.exact).toBe(mine.first.exact);
    expect(again.last.exact).toBe(mine.last.exact);
    expect(again.ssn).toBe(mine.ssn);
    const other = new MatchKeys(randomBytes(32)).forPerson(person);
    expect(other.keyId).not.toBe(mine.keyId);
    expect(other.ssn).not.toBe(mine.ssn);
    expect(other.first.exact).not.toBe(mine.first.exact);
    expect(other.dob!.full).not.toBe(mine.dob!.full);
    expect(other.blocking.filter((t) => mine.blocking.includes(t))).toEqual([]);
    expect(dice(other.first.bloom, mine.first.bloom)).toBeLessThan(0.8);
  });

  it('gives equal swap tokens when day and month are swapped, and different full dates', () => {
    const a = keys.forPerson({ ...person, dateOfBirth: '1988-04-07' }).dob!;
    const b = keys.forPerson({ ...person, dateOfBirth: '1988-07-04' }).dob!;
    expect(a.swap).toBe(b.swap);
    expect(a.full).not.toBe(b.full);
    expect(a.md).not.toBe(b.md);
    const c = keys.forPerson({ ...person, dateOfBirth: '1988-04-08' }).dob!;
    expect(c.swap).not.toBe(a.swap);
    expect(c.ym).toBe(a.ym);
    expect(c.yd).not.toBe(a.yd);
  });

  it('matches a nickname on the canonical and phonetic tokens, not the exact one', () => {
    const formal = keys.forPerson({ ...person, firstName: 'Guadalupe' });
    const nickname = keys.forPerson({ ...person, firstName: 'Lupe' });
    expect(nickname.first.exact).not.toBe(formal.first.exact);
    expect(nickname.first.canonical).toBe(formal.first.canonical);
    expect(nickname.first.phonetic).toBe(formal.first.phonetic);
  });

  it('shares a last-name part between a hyphenated and a single surname', () => {
    const married = keys.forPerson({ ...person, lastName: 'Garcia-Lopez' });
    const maiden = keys.forPerson({ ...person, lastName: 'Garcia' });
    expect(married.last.exact).not.toBe(maiden.last.exact);
    expect(married.last.parts).toContain(maiden.last.parts[0]);
    expect(married.blocking.filter((t) => maiden.blocking.includes(t)).length).toBeGreaterThan(0);
  });

  it('scores a typo high and different names low by Bloom Dice', () => {
    // A fixed key, so the filters' chance collisions are the same on every run (random keys: see the spec above).
    const fixed = new MatchKeys(Buffer.alloc(32, 7));
    const bloom = (name: string) => fixed.bloom(normalizeName(name).whole);
    expect(dice(bloom('Hernandez'), bloom('Hernandez'))).toBe(1);
    // One letter dropped, added or changed keeps most bigrams: ≈ 0.8–0.9 (a transposition breaks two or three: lower).
    expect(dice(bloom('Hernandez'), bloom('Hernadez'))).toBeGreaterThan(0.8);
    expect(dice(bloom('Jonathan'), bloom('Johnathan'))).toBeGreaterThan(0.75);
    expect(dice(bloom('Rodriguez'), bloom('Rodrigues'))).toBeGreaterThan(0.75);
    expect(dice(bloom('Hernandez'), bloom('Nguyen'))).toBeLessThan(0.3);
    expect(dice(bloom('Daniel'), bloom('David'))).toBeLessThan(0.6);
    expect(dice(bloom('Maria'), bloom('Mario'))).toBeLessThan(dice(bloom('Hernandez'), bloom('Hernadez')));
  });

  it('leaves out an SSN that cannot be valid, omits dob when unknown, and refuses a name without letters or a bad date', () => {
    const noSsn = keys.forPerson({ ...person, ssn: '000-12-3456' });
    expect(noSsn.ssn).toBeUndefined();
    expect(keys.forPerson({ firstName: 'Ana', lastName: 'Ruiz' }).dob).toBeUndefined();
    expect(() => keys.forPerson({ ...person, firstName: '42' })).toThrow(InvalidIdentifierError);
    expect(() => keys.forPerson({ ...person, dateOfBirth: '1988-02-30' })).toThrow(InvalidIdentifierError);
  });

  it('keeps twins apart on first-name tokens while they share every date and surname token', () => {
    const a = keys.forPerson({ firstName: 'Daniel', lastName: 'Reyes', dateOfBirth: '2015-09-01' });
    const b = keys.forPerson({ firstName: 'David', lastName: 'Reyes', dateOfBirth: '2015-09-01' });
    expect(a.dob).toEqual(b.dob);
    expect(a.last).toEqual(b.last);
    expect(a.first.exact).not.toBe(b.first.exact);
    expect(a.first.phonetic).not.toBe(b.first.phonetic);
  });

  it('reads the key from base64 and refuses a short one without echoing it', () => {
    const b64 = randomBytes(32).toString('base64');
    expect(MatchKeys.fromBase64(b64).keyId).toBe(MatchKeys.fromBase64(b64).keyId);
    expect(() => MatchKeys.fromBase64('c2hvcnQ=')).toThrow(/MATCH_KEY must be 32 bytes, got 5/);
    expect(() => MatchKeys.fromBase64('not*base64')).toThrow(/MATCH_KEY must be a base64 key/);
  });
});

describe('ageBandOf', () => {
  it.each([
    ['2010-05-01', '2026-12-01', 'child'],
    ['2008-12-02', '2026-12-01', 'child'],
    ['2008-12-01', '2026-12-01', 'under-20'],
    ['2006-12-02', '2026-12-01', 'under-20'],
    ['2006-12-01', '2026-12-01', '20-plus'],
  ])('born %s, on %s: %s', (dob, on, band) => expect(ageBandOf(dob, on)).toBe(band));
});
