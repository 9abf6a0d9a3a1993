import type { MatchField, MatchLevels } from './match-levels';
import type { LevelProbabilities, MatchModel } from './match-model';

const fieldsOf = (levels: MatchLevels) => Object.keys(levels) as MatchField[];
/** Laplace-style floor so an unseen level keeps a finite weight. */
const smoothing = 1e-6;

const normalize = (counts: Map<string, number>, total: number, levels: readonly string[]) =>
  Object.fromEntries(levels.map((l) => [l, ((counts.get(l) ?? 0) + smoothing) / (total + smoothing * levels.length)]));

/**
 * u per level from random pairs (Splink's estimate_u_using_random_sampling): nearly all random pairs are different
 * people, so the level frequencies among them are the u probabilities.
 */
export function estimateU(
  randomPairs: readonly MatchLevels[],
  levelsOf: Record<MatchField, readonly string[]>,
): Record<MatchField, Record<string, number>> {
  const out = {} as Record<MatchField, Record<string, number>>;
  for (const field of Object.keys(levelsOf) as MatchField[]) {
    const counts = new Map<string, number>();
    for (const pair of randomPairs) counts.set(pair[field], (counts.get(pair[field]) ?? 0) + 1);
    out[field] = normalize(counts, randomPairs.length, levelsOf[field]);
  }
  return out;
}

export interface EmResult {
  lambda: number;
  m: Record<MatchField, Record<string, number>>;
  iterations: number;
}

/**
 * m and λ by expectation–maximisation over the blocked pairs with u held fixed (Splink's
 * estimate_parameters_using_expectation_maximisation with fix_u_probabilities): E-step the match probability of each
 * distinct comparison vector, M-step the weighted level frequencies, until λ moves less than 1e-6.
 */
export function estimateM(
  blockedPairs: readonly MatchLevels[],
  u: Record<MatchField, Record<string, number>>,
  levelsOf: Record<MatchField, readonly string[]>,
  start: { lambda: number; m: Record<MatchField, Record<string, number>> },
  maxIterations = 100,
): EmResult {
  // Distinct comparison vectors with their counts: EM over patterns, not pairs.
  const patterns = new Map<string, { levels: MatchLevels; count: number }>();
  for (const pair of blockedPairs) {
    const key = fieldsOf(pair)
      .map((f) => pair[f])
      .join('|');
    const seen = patterns.get(key);
    if (seen) seen.count++;
    else patterns.set(key, { levels: pair, count: 1 });
  }
  const fields = Object.keys(levelsOf) as MatchField[];
  let lambda = start.lambda;
  let m = start.m;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const counts = Object.fromEntries(fields.map((f) => [f, new Map<string, number>()])) as Record<MatchField, Map<string, number>>;
    let matchMass = 0;
    let total = 0;
    for (const { levels, count } of patterns.values()) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of fields) {
        pm *= m[f][levels[f]] ?? smoothing;
        pu *= u[f][levels[f]] ?? smoothing;
      }
      const posterior = pm / (pm + pu);
      matchMass += posterior * count;
      total += count;
      for (const f of fields) counts[f].set(levels[f], (counts[f].get(levels[f]) ?? 0) + posterior * count);
    }
    const nextLambda = matchMass / total;
    m = Object.fromEntries(fields.map((f) => [f, normalize(counts[f], matchMass, levelsOf[f])])) as Record<
      MatchField,
      Record<string, number>
    >;
    const moved = Math.abs(nextLambda - lambda);
    lambda = nextLambda;
    if (moved < 1e-6) break;
  }
  return { lambda, m, iterations };
}

/** The fitted parameters as a model (frozen by the bench into default-match-model.ts under a new version). */
export function modelOf(
  version: string,
  lambda: number,
  m: Record<MatchField, Record<string, number>>,
  u: Record<MatchField, Record<string, number>>,
  tfMinimumU: number,
): MatchModel {
  const fields = {} as Record<MatchField, LevelProbabilities>;
  for (const f of Object.keys(m) as MatchField[]) {
    fields[f] = Object.fromEntries(Object.keys(m[f]).map((l) => [l, { m: m[f][l] ?? smoothing, u: u[f][l] ?? smoothing }]));
  }
  return { version, lambda, fields, tfMinimumU };
}
