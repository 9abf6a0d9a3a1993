import type { MatchField, MatchLevels } from './match-levels';

/** m (P(level | same person)) and u (P(level | different people)) per level of one field. */
export type LevelProbabilities = Record<string, { m: number; u: number }>;

/** A Fellegi–Sunter model: the prior match probability among compared pairs and m/u per field level, with a version. */
export interface MatchModel {
  version: string;
  /** P(match) among blocked candidate pairs (λ). */
  lambda: number;
  fields: Record<MatchField, LevelProbabilities>;
  /** Lower bound of a term-frequency-adjusted u (Splink's tf_minimum_u_value): a rare name cannot weigh without limit. */
  tfMinimumU: number;
}

/** Term frequencies of the agreed exact names (share of the county's people with that token), when known. */
export interface TermFrequencies {
  first?: number;
  last?: number;
}

export interface MatchScore {
  priorWeight: number;
  partialWeights: Record<MatchField, number>;
  weight: number;
  probability: number;
}

const log2 = (x: number) => Math.log(x) / Math.LN2;
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Fellegi–Sunter scoring: W = log2(λ/(1−λ)) + Σ log2(m_l/u_l) and p = 2^W / (1 + 2^W). On the exact level of a name
 * the u is the name's own frequency (term-frequency adjustment, as Splink does): two "Garcia" agree by chance far more
 * often than two "Nakamura-Ochoa", so the agreement weighs less.
 */
export function scoreMatch(levels: MatchLevels, model: MatchModel, tf: TermFrequencies = {}): MatchScore {
  const priorWeight = log2(model.lambda / (1 - model.lambda));
  const partialWeights = {} as Record<MatchField, number>;
  let weight = priorWeight;
  for (const field of Object.keys(levels) as MatchField[]) {
    const level = levels[field];
    const p = model.fields[field][level];
    if (!p) throw new Error(`The match model ${model.version} has no level ${field}=${level}`);
    let u = p.u;
    const frequency = field === 'first' || field === 'last' ? tf[field] : undefined;
    if (level === 'exact' && frequency !== undefined) u = Math.max(frequency, model.tfMinimumU);
    const w = log2(p.m / u);
    partialWeights[field] = round(w);
    weight += w;
  }
  const probability = 1 / (1 + 2 ** -weight);
  return { priorWeight: round(priorWeight), partialWeights, weight: round(weight), probability };
}
