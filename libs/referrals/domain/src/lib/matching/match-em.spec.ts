import { estimateMBySessions, estimateU } from './match-em';
import { dobLevels, firstLevels, lastLevels, roleLevels, ssnLevels, type MatchLevels } from './match-levels';
import { prng } from './match-em.spec-helper';

const levelsOf = { ssn: ssnLevels, dob: dobLevels, first: firstLevels, last: lastLevels, role: roleLevels };

// A synthetic mixture with known parameters: EM must recover the m of the date of birth from pairs blocked on the SSN.
describe('EM estimation', () => {
  const rand = prng(11);
  const pick = <T extends string>(table: [T, number][]): T => {
    let x = rand();
    for (const [v, p] of table) if ((x -= p) < 0) return v;
    return table[table.length - 1]![0];
  };
  const match = (): MatchLevels => ({
    ssn: pick([
      ['exact', 0.6],
      ['null', 0.4],
    ]),
    dob: pick([
      ['exact', 0.9],
      ['swapped', 0.05],
      ['two-of-three', 0.05],
    ]),
    first: pick([
      ['exact', 0.85],
      ['nickname', 0.1],
      ['none', 0.05],
    ]),
    last: pick([
      ['exact', 0.9],
      ['none', 0.1],
    ]),
    role: 'compatible',
  });
  const stranger = (): MatchLevels => ({
    ssn: pick([
      ['differ', 0.6],
      ['null', 0.4],
    ]),
    dob: pick([
      ['none', 0.99],
      ['two-of-three', 0.01],
    ]),
    first: pick([
      ['none', 0.97],
      ['exact', 0.03],
    ]),
    last: pick([
      ['none', 0.97],
      ['exact', 0.03],
    ]),
    role: pick([
      ['compatible', 0.6],
      ['incompatible', 0.4],
    ]),
  });

  it('u from random pairs is their level frequencies; m per session recovers the generating m', () => {
    const random = Array.from({ length: 20_000 }, stranger);
    const u = estimateU(random, levelsOf);
    expect(u.dob['none']).toBeCloseTo(0.99, 2);
    const blockedOnSsn = Array.from({ length: 4_000 }, match).filter((l) => l.ssn === 'exact');
    const start = {
      lambda: 0.5,
      m: Object.fromEntries(Object.entries(levelsOf).map(([f, ls]) => [f, Object.fromEntries(ls.map((l) => [l, 1 / ls.length]))])) as never,
    };
    const { m, sessions } = estimateMBySessions([{ pairs: blockedOnSsn, blockedOn: ['ssn'] }], u, levelsOf, start);
    expect(sessions[0]!.lambda).toBeGreaterThan(0.95);
    expect(m.dob['exact']).toBeCloseTo(0.9, 1);
    expect(m.dob['swapped']).toBeCloseTo(0.05, 1);
    expect(m.first['exact']).toBeCloseTo(0.85, 1);
    // Floored: a level the session never saw keeps a small, finite m.
    expect(m.dob['none']).toBeGreaterThan(0);
  });
});
