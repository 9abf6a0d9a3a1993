import type { MatchGuard, MatchLevels } from './match-levels';
import type { MatchScore, TermFrequencies } from './match-model';
import type { MatchSettings } from './match-settings';

export type MatchOutcome = 'link' | 'review' | 'none';

export interface MatchDecision {
  outcome: MatchOutcome;
  guards: MatchGuard[];
}

const firstAtLeastNickname = (level: MatchLevels['first']) => level === 'exact' || level === 'nickname';

/**
 * The false-positive guards (plan §3). Each one keeps a pair out of the automatic link; a person decides:
 * - `ssn-conflict`: both records carry an SSN and they differ;
 * - `twin`: same date of birth and last name, first names that agree less than a nickname would;
 * - `role-conflict`: a child against an adult of 20 or more;
 * - `common-name-only`: no SSN agreement, the date of birth not exact, and both names common in the county.
 */
export function guardsOf(levels: MatchLevels, tf: TermFrequencies, settings: MatchSettings): MatchGuard[] {
  const guards: MatchGuard[] = [];
  if (levels.ssn === 'differ') guards.push('ssn-conflict');
  if (levels.dob === 'exact' && levels.last === 'exact' && !firstAtLeastNickname(levels.first)) guards.push('twin');
  if (levels.role === 'incompatible') guards.push('role-conflict');
  const common = (f?: number) => f !== undefined && f >= settings.commonNameFrequency;
  if (
    levels.ssn !== 'exact' &&
    levels.dob !== 'exact' &&
    levels.first === 'exact' &&
    levels.last === 'exact' &&
    common(tf.first) &&
    common(tf.last)
  ) {
    guards.push('common-name-only');
  }
  return guards;
}

/**
 * Link when the probability reaches the county's link threshold and no guard fires; review when it reaches the review
 * threshold, or when it would have linked but a guard fired; otherwise no match. A guard never turns a weak pair
 * into a review (two strangers with different SSNs are not a question for the liaison).
 */
export function decideMatch(
  score: Pick<MatchScore, 'probability'>,
  levels: MatchLevels,
  tf: TermFrequencies,
  settings: MatchSettings,
): MatchDecision {
  const guards = guardsOf(levels, tf, settings);
  if (score.probability >= settings.linkThreshold) return { outcome: guards.length ? 'review' : 'link', guards };
  if (score.probability >= settings.reviewThreshold) return { outcome: 'review', guards };
  return { outcome: 'none', guards };
}
