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
  /** P(match) among the blocked pairs EM ran on. */
  lambda: number;
  m: Record<MatchField, Record<string, number>>;
  /** u among the blocked pairs (the start's u when held fixed). */
  u: Record<MatchField, Record<string, number>>;
  iterations: number;
}

/**
 * m and λ by expectation–maximisation over the blocked pairs (Splink's estimate_parameters_using_expectation_maximisation):
 * E-step the match probability of each distinct comparison vector, M-step the weighted level frequencies, until λ
 * moves less than 1e-6. Blocked non-matches agree on the blocking fields far more often than random pairs, so by
 * default u is re-estimated among the blocked pairs too (`fixU: false`); the model then keeps the m of EM with the u of
 * random pairs (what the pairs are scored against), as Splink does.
 */
export function estimateM(
  blockedPairs: readonly MatchLevels[],
  u: Record<MatchField, Record<string, number>>,
  levelsOf: Record<MatchField, readonly string[]>,
  start: { lambda: number; m: Record<MatchField, Record<string, number>> },
  options: { maxIterations?: number; fixU?: boolean; ignore?: readonly MatchField[] } = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 200;
  const fixU = options.fixU ?? false;
  // Free u starts from the blocked pairs' own level frequencies (mostly non-matches): starting it from the random
  // pairs' u would explain no blocked non-match, and EM would fall into the degenerate λ = 1.
  let uBlocked = fixU ? u : estimateU(blockedPairs, levelsOf);
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
  const fields = (Object.keys(levelsOf) as MatchField[]).filter((f) => !options.ignore?.includes(f));
  let lambda = start.lambda;
  let m = start.m;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const counts = Object.fromEntries(fields.map((f) => [f, new Map<string, number>()])) as Record<MatchField, Map<string, number>>;
    const nonCounts = Object.fromEntries(fields.map((f) => [f, new Map<string, number>()])) as Record<MatchField, Map<string, number>>;
    let matchMass = 0;
    let total = 0;
    for (const { levels, count } of patterns.values()) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of fields) {
        pm *= m[f][levels[f]] ?? smoothing;
        pu *= uBlocked[f][levels[f]] ?? smoothing;
      }
      const posterior = pm / (pm + pu);
      matchMass += posterior * count;
      total += count;
      for (const f of fields) {
        counts[f].set(levels[f], (counts[f].get(levels[f]) ?? 0) + posterior * count);
        nonCounts[f].set(levels[f], (nonCounts[f].get(levels[f]) ?? 0) + (1 - posterior) * count);
      }
    }
    const nextLambda = matchMass / total;
    const mNext = Object.fromEntries(fields.map((f) => [f, normalize(counts[f], matchMass, levelsOf[f])]));
    m = { ...m, ...mNext } as Record<MatchField, Record<string, number>>;
    if (!fixU) {
      const uNext = Object.fromEntries(fields.map((f) => [f, normalize(nonCounts[f], total - matchMass, levelsOf[f])]));
      uBlocked = { ...uBlocked, ...uNext } as Record<MatchField, Record<string, number>>;
    }
    const moved = Math.abs(nextLambda - lambda);
    lambda = nextLambda;
    if (moved < 1e-6) break;
  }
  return { lambda, m, u: uBlocked, iterations };
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

/** One EM training session: the pairs of one blocking rule, and the fields it may estimate (not the ones it blocks on). */
export interface TrainingSession {
  pairs: readonly MatchLevels[];
  /** The fields the rule blocks on: left out of the session's likelihood (they agree by construction). */
  blockedOn: readonly MatchField[];
}

/**
 * m per field from several EM sessions, each on the pairs of one blocking rule, each estimating only the fields its
 * rule does not block on (Splink's recommended training: pairs blocked on SSN say how often a person's date of birth
 * and names agree; pairs blocked on the date of birth say how often the SSN does). A field several sessions estimate
 * gets their mean. u is held at the random pairs' (Splink's fix_u_probabilities). m below `floor` is raised to it:
 * noise EM saw too rarely must not weigh as impossible.
 */
export function estimateMBySessions(
  sessions: readonly TrainingSession[],
  u: Record<MatchField, Record<string, number>>,
  levelsOf: Record<MatchField, readonly string[]>,
  start: { lambda: number; m: Record<MatchField, Record<string, number>> },
  floor = 1e-3,
): { m: Record<MatchField, Record<string, number>>; sessions: { pairs: number; lambda: number; iterations: number }[] } {
  const sums = {} as Record<MatchField, Record<string, number>>;
  const counts = {} as Record<MatchField, number>;
  const report: { pairs: number; lambda: number; iterations: number }[] = [];
  for (const session of sessions) {
    const result = estimateM(session.pairs, u, levelsOf, start, { fixU: true, ignore: session.blockedOn });
    report.push({ pairs: session.pairs.length, lambda: result.lambda, iterations: result.iterations });
    for (const field of (Object.keys(levelsOf) as MatchField[]).filter((f) => !session.blockedOn.includes(f))) {
      sums[field] ??= {};
      counts[field] = (counts[field] ?? 0) + 1;
      for (const level of levelsOf[field]) sums[field][level] = (sums[field][level] ?? 0) + (result.m[field][level] ?? 0);
    }
  }
  const m = {} as Record<MatchField, Record<string, number>>;
  for (const field of Object.keys(levelsOf) as MatchField[]) {
    const n = counts[field];
    const raw = n ? Object.fromEntries(levelsOf[field].map((l) => [l, (sums[field][l] ?? 0) / n])) : start.m[field];
    const floored = Object.fromEntries(levelsOf[field].map((l) => [l, Math.max(raw[l] ?? 0, floor)]));
    const total = Object.values(floored).reduce((a, b) => a + b, 0);
    m[field] = Object.fromEntries(Object.entries(floored).map(([l, v]) => [l, v / total]));
  }
  return { m, sessions: report };
}

/** λ among the pairs by EM with m and u held (the share of the pairs that are matches), for the model's prior. */
export function estimateLambda(
  pairs: readonly MatchLevels[],
  m: Record<MatchField, Record<string, number>>,
  u: Record<MatchField, Record<string, number>>,
  start = 0.1,
): number {
  let lambda = start;
  for (let i = 0; i < 200; i++) {
    let mass = 0;
    for (const levels of pairs) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of fieldsOf(levels)) {
        pm *= m[f][levels[f]] ?? smoothing;
        pu *= u[f][levels[f]] ?? smoothing;
      }
      mass += pm / (pm + pu);
    }
    const next = mass / pairs.length;
    if (Math.abs(next - lambda) < 1e-7) return next;
    lambda = next;
  }
  return lambda;
}
