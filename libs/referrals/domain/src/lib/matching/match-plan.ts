import type { MatchLevels } from './match-levels';
import type { MatchSettings } from './match-settings';

/** How a blocking token was made: a fuzzy block (names, birth year, birthday) or the exact SSN key. */
export type BlockKind = 'block' | 'ssn';

/**
 * Whether a blocking token finds candidates (Splink-style block cap): the exact SSN key always does; a fuzzy block
 * only while at most `maxBlockSize` records share it (`size` counts the record itself).
 */
export function blockIsUsable(kind: BlockKind, size: number, settings: Pick<MatchSettings, 'maxBlockSize'>): boolean {
  return kind === 'ssn' || size <= settings.maxBlockSize;
}

/** A candidate the model scored link or review against the record being matched, with what is known of the pair. */
export interface AssessedCandidate {
  id: string;
  /** Inside one agency (a duplicate warning) or across the agencies (a link or a review). */
  kind: 'cross-agency' | 'duplicate';
  outcome: 'link' | 'review';
  probability: number;
  /** When the candidate's record was first held (epoch ms): ties go to the earliest record. */
  since: number;
  /** The pair is already linked or under open review: nothing new to open. */
  pending: boolean;
  /** A liaison said no to this pair (rejected, or ended its link): the model does not ask again. */
  refused: boolean;
  /** The pair agrees on the SSN key (the one agreement a crowd of look-alikes cannot share by chance). */
  ssnAgrees?: boolean;
}

/** Best first: the higher probability, then the earlier record, then the id (a total order, so runs repeat). */
export const byBestCandidate = (x: AssessedCandidate, y: AssessedCandidate): number =>
  y.probability - x.probability || x.since - y.since || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

export interface CrossAgencyPlan {
  /** Confident pairs to link (no cap: a link needs the model's confidence and no guard). */
  links: string[];
  /** Uncertain pairs to send to the review queue: the best ones, within the county's cap per record. */
  reviews: string[];
  /** Uncertain pairs left out because the record already had, or now has, its cap of open reviews. */
  capped: number;
  /** Confident pairs sent to review instead because the record has more look-alikes than one person can be. */
  lookAlikes: number;
  /** Confident pairs sent to review instead because the record has its cap of current cross-agency links. */
  linksOverCap: number;
}

/**
 * Two records that look alike on everything but the SSN: the same date of birth (or day and month swapped), first
 * name (or nickname) and surname, and no SSN agreement (missing on one side, or different: then provably two people).
 */
export const looksAlike = (levels: MatchLevels): boolean =>
  levels.ssn !== 'exact' &&
  (levels.dob === 'exact' || levels.dob === 'swapped') &&
  (levels.first === 'exact' || levels.first === 'nickname') &&
  levels.last === 'exact';

/** What the record already has, and how many look-alikes it has in the other agency (all compared, whatever the score). */
export interface CrossAgencyContext {
  openReviews: number;
  /** Current cross-agency links of the record. */
  links: number;
  lookAlikes: number;
}

/**
 * Cross-agency: every confident pair links, unless the record is in a crowd: with more than `maxLookAlikes`
 * look-alikes in the other agency (a name and birth date shared by different people; see looksAlike), a link without
 * SSN agreement is not confident, and goes to review instead (a person is one record of an agency, or two when it
 * entered her twice; three or more look-alikes are a crowd the model cannot tell apart without the SSN). Every
 * uncertain pair is one review, but never more than `maxOpenReviewsPerRecord` open reviews for the record (those it
 * already has count), the best first, so a crowd cannot flood the queue. Pending and refused pairs open nothing.
 */
export function planCrossAgency(
  candidates: readonly AssessedCandidate[],
  context: CrossAgencyContext,
  settings: Pick<MatchSettings, 'maxOpenReviewsPerRecord' | 'maxLookAlikes' | 'maxLinksPerRecord'>,
): CrossAgencyPlan {
  const crowd = context.lookAlikes > settings.maxLookAlikes;
  const outcomeOf = (c: AssessedCandidate) => (crowd && c.outcome === 'link' && !c.ssnAgrees ? 'review' : c.outcome);
  const fresh = candidates.filter((c) => c.kind === 'cross-agency' && !c.refused && !c.pending);
  // At most maxLinksPerRecord new links (the best; an agency holds a person once, or twice when it entered her twice):
  // the others, however confident, are questions for the liaison like the uncertain ones (an SSN shared by a hundred
  // records is a data problem, not a hundred links merging a hundred families).
  const confident = fresh.filter((c) => outcomeOf(c) === 'link').sort(byBestCandidate);
  const linkRoom = Math.max(0, settings.maxLinksPerRecord - context.links);
  const links = confident.slice(0, linkRoom);
  const uncertain = [...confident.slice(linkRoom), ...fresh.filter((c) => outcomeOf(c) === 'review')].sort(byBestCandidate);
  const room = Math.max(0, settings.maxOpenReviewsPerRecord - context.openReviews);
  return {
    links: links.map((c) => c.id),
    reviews: uncertain.slice(0, room).map((c) => c.id),
    capped: Math.max(0, uncertain.length - room),
    lookAlikes: crowd ? fresh.filter((c) => c.outcome === 'link' && !c.ssnAgrees).length : 0,
    linksOverCap: confident.length - links.length,
  };
}

/**
 * Inside one agency, duplicates are warned as clusters, not pairs: the record's best duplicate candidate (refused
 * pairs left out), or none.
 */
export function bestDuplicateCandidate(candidates: readonly AssessedCandidate[]): AssessedCandidate | undefined {
  return candidates.filter((c) => c.kind === 'duplicate' && !c.refused).sort(byBestCandidate)[0];
}

/**
 * The cluster rule: a record opens at most one duplicate review, against its best candidate, and none when the two are
 * already in one duplicate cluster (the record linked or under open review with a member of the candidate's cluster,
 * which is the same as the candidate being in the record's cluster: clusters are connected components of duplicate
 * links and open duplicate reviews). `recordCluster` holds the record's cluster (the record included).
 */
export function duplicateToOpen(best: AssessedCandidate | undefined, recordCluster: ReadonlySet<string>): AssessedCandidate | undefined {
  if (!best || best.pending || recordCluster.has(best.id)) return undefined;
  return best;
}
