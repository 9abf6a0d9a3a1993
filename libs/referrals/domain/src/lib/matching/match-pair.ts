import { compare, type MatchSubject } from './comparison';
import { decideMatch, type MatchContext, type MatchDecision } from './match-decision';
import type { MatchEvidence } from './match-levels';
import { scoreMatch, type MatchModel, type TermFrequencies } from './match-model';
import type { MatchSettings } from './match-settings';

export interface PairAssessment extends MatchDecision {
  evidence: MatchEvidence;
}

/** Compare, score and decide one candidate pair; the evidence keeps levels and weights, never a token. */
export function assessPair(
  a: MatchSubject,
  b: MatchSubject,
  model: MatchModel,
  settings: MatchSettings,
  tf: TermFrequencies = {},
  context: MatchContext = {},
): PairAssessment {
  const levels = compare(a, b);
  const agreedTf: TermFrequencies = {
    ...(levels.first === 'exact' && tf.first !== undefined ? { first: tf.first } : {}),
    ...(levels.last === 'exact' && tf.last !== undefined ? { last: tf.last } : {}),
  };
  const score = scoreMatch(levels, model, agreedTf);
  const decision = decideMatch(score, levels, agreedTf, settings, context);
  return {
    ...decision,
    evidence: {
      levels,
      partialWeights: score.partialWeights,
      priorWeight: score.priorWeight,
      weight: score.weight,
      probability: score.probability,
      guards: decision.guards,
      modelVersion: model.version,
    },
  };
}
