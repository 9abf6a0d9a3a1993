import type { MatchGuard, MatchLevels } from './match-levels';
import type { MatchScore, TermFrequencies } from './match-model';
import type { MatchSettings } from './match-settings';

export type MatchOutcome = 'link' | 'review' | 'none';

/** What the families around the pair tell: whether either family holds another person born the same day. */
export interface MatchContext {
  /** Either record's family has another member with the same date of birth (twins). Unknown counts as yes. */
  sameBirthSibling?: boolean;
}

export interface MatchDecision {
  outcome: MatchOutcome;
  guards: MatchGuard[];
}

/** First names that agree this well are one person's, not twins' (twins' names differ more than a typo does). */
const firstLikeOnePerson = (level: MatchLevels['first']) => level === 'exact' || level === 'nickname' || level === 'dice-85';

/**
 * The false-positive guards (plan §3). Each one keeps a pair out of the automatic link; a person decides:
 * - `ssn-conflict`: both records carry an SSN and they differ;
 * - `twin`: no SSN agreement, the same date of birth and last name, first names that agree less than a nickname or a
 *   one-letter typo would, and a family holding two people born that day (twins have different SSNs: an agreeing
 *   SSN is one person; without a same-birthday sibling a different first name is a recording difference);
 * - `role-conflict`: a child against an adult of 20 or more;
 * - `common-name-only`: no SSN agreement, the date of birth not exact, and both names common in the county.
 */
export function guardsOf(levels: MatchLevels, tf: TermFrequencies, settings: MatchSettings, context: MatchContext = {}): MatchGuard[] {
  const guards: MatchGuard[] = [];
  if (levels.ssn === 'differ') guards.push('ssn-conflict');
  if (
    levels.ssn !== 'exact' &&
    levels.dob === 'exact' &&
    levels.last === 'exact' &&
    !firstLikeOnePerson(levels.first) &&
    (context.sameBirthSibling ?? true)
  ) {
    guards.push('twin');
  }
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
  context: MatchContext = {},
): MatchDecision {
  const guards = guardsOf(levels, tf, settings, context);
  if (score.probability >= settings.linkThreshold) return { outcome: guards.length ? 'review' : 'link', guards };
  if (score.probability >= settings.reviewThreshold) return { outcome: 'review', guards };
  return { outcome: 'none', guards };
}
