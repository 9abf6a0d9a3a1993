import { bloomDice } from './bloom-dice';
import type { MatchKeySetShape } from './match-key-set';
import type { DobLevel, FirstLevel, LastLevel, MatchLevels, RoleLevel, SsnLevel } from './match-levels';

export type AgeBandValue = 'child' | 'under-20' | '20-plus';

/** One side of a candidate pair: its match keys and the coarse facts the agencies publish with them. */
export interface MatchSubject {
  keys: MatchKeySetShape;
  ageBand: AgeBandValue;
  role: string;
}

/** Dice cut-offs of the name levels (plan §3). */
export const diceHigh = 0.85;
export const diceLow = 0.7;

export function compareSsn(a: MatchKeySetShape, b: MatchKeySetShape): SsnLevel {
  if (!a.ssn || !b.ssn) return 'null';
  return a.ssn === b.ssn ? 'exact' : 'differ';
}

export function compareDob(a: MatchKeySetShape, b: MatchKeySetShape): DobLevel {
  if (!a.dob || !b.dob) return 'null';
  if (a.dob.full === b.dob.full) return 'exact';
  if (a.dob.swap === b.dob.swap) return 'swapped';
  if (a.dob.ym === b.dob.ym || a.dob.md === b.dob.md || a.dob.yd === b.dob.yd) return 'two-of-three';
  return 'none';
}

export function compareFirst(a: MatchKeySetShape, b: MatchKeySetShape): FirstLevel {
  if (a.first.exact === b.first.exact) return 'exact';
  if (a.first.canonical === b.first.canonical) return 'nickname';
  const dice = bloomDice(a.first.bloom, b.first.bloom);
  if (dice >= diceHigh) return 'dice-85';
  if (a.first.phonetic === b.first.phonetic) return 'phonetic';
  if (dice >= diceLow) return 'dice-70';
  return 'none';
}

const intersects = (x: readonly string[], y: readonly string[]) => x.some((t) => y.includes(t));

export function compareLast(a: MatchKeySetShape, b: MatchKeySetShape): LastLevel {
  if (a.last.exact === b.last.exact) return 'exact';
  if (intersects(a.last.parts, b.last.parts)) return 'shared-part';
  if (bloomDice(a.last.bloom, b.last.bloom) >= diceHigh) return 'dice-85';
  if (intersects(a.last.phonetic, b.last.phonetic)) return 'phonetic';
  return 'none';
}

/** A child cannot be an adult of 20 or more (the bands are coarse, so a birthday between records stays compatible). */
export function compareRole(a: MatchSubject, b: MatchSubject): RoleLevel {
  const bands = new Set([a.ageBand, b.ageBand]);
  return bands.has('child') && bands.has('20-plus') ? 'incompatible' : 'compatible';
}

/** The comparison vector of a candidate pair: levels only (what evidence may keep), computed from tokens. */
export function compare(a: MatchSubject, b: MatchSubject): MatchLevels {
  return {
    ssn: compareSsn(a.keys, b.keys),
    dob: compareDob(a.keys, b.keys),
    first: compareFirst(a.keys, b.keys),
    last: compareLast(a.keys, b.keys),
    role: compareRole(a, b),
  };
}
