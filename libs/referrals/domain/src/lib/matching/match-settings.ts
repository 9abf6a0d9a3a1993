/** The thresholds a county may tune (the model's parameters are not county settings: they are fitted and versioned). */
export interface MatchSettings {
  /** Link automatically at or above this probability when no guard fires. */
  linkThreshold: number;
  /** Below the link threshold and at or above this, the pair goes to the liaison's review queue. */
  reviewThreshold: number;
  /** A name is common when at least this share of the county's people has it (common-name-only guard). */
  commonNameFrequency: number;
  /**
   * Term frequencies are used only once the county holds this many people: in a small population a name's share says
   * nothing of how common it is (the model's u applies until then).
   */
  termFrequencyMinimumPopulation: number;
  /**
   * A fuzzy blocking token shared by more than this many of the county's records finds no candidates (Splink's advice
   * on blocking rules: a block that large is a crowd, common name and birth year or one birthday, whose pairs the
   * model cannot tell apart without an SSN; comparing each new record with all of it is the O(n²) the queue drowned in).
   * The exact SSN key always blocks, whatever its size.
   */
  maxBlockSize: number;
  /** At most this many open cross-agency reviews per record: a new record in a crowd asks about its best pairs only. */
  maxOpenReviewsPerRecord: number;
  /**
   * More look-alikes than this in the other agency (same name and birth date, no SSN agreement: see looksAlike) make
   * the record's name-and-birth-date agreements a crowd's: its links without SSN agreement go to review instead (one
   * person is one record of an agency, or two when it entered her twice).
   */
  maxLookAlikes: number;
  /** At most this many current cross-agency links per record; more confident pairs go to review (capped as well). */
  maxLinksPerRecord: number;
  /** A duplicate cluster is followed this far at most (a bound on the cluster query, not a rule). */
  maxDuplicateClusterSize: number;
}

/**
 * Link threshold 0.93: on seven generated populations (`npm run bench:matching -- --seed N`) the lowest precision of
 * automatic links was 0.9989 and the lowest recall 0.9592, against targets of 0.995 and 0.95; at 0.995 recall fell to
 * 0.945–0.953 (the queue grew), at 0.9 precision fell to 0.9971. The guards still send twins, SSN conflicts and
 * common names to the review queue whatever the score.
 *
 * maxBlockSize 100, maxOpenReviewsPerRecord 3, maxLookAlikes 2 (all county-configurable): on the generated population
 * (10,505 records, seed 20261201) the largest block is 37, the review cap leaves out no uncertain pair and no record
 * has more than two look-alikes in the other agency, so none of them changes a decision there (precision and recall
 * as before); on a crowd of 300 records of one name and birth date they bound the work and the queue and stop the
 * links between different people of the crowd (`npm run bench:matching` prints both).
 */
export const defaultMatchSettings: MatchSettings = {
  linkThreshold: 0.93,
  reviewThreshold: 0.5,
  commonNameFrequency: 0.01,
  termFrequencyMinimumPopulation: 1000,
  maxBlockSize: 100,
  maxOpenReviewsPerRecord: 3,
  maxLookAlikes: 2,
  maxLinksPerRecord: 2,
  maxDuplicateClusterSize: 500,
};

/** Per-county overrides (none recorded yet; a county's board may choose a stricter link threshold). */
const countyMatchSettings: Record<string, Partial<MatchSettings>> = {};

/** The matching thresholds of a county: the defaults with the county's overrides. */
export function matchSettingsFor(
  countyCode: string,
  overrides: Record<string, Partial<MatchSettings>> = countyMatchSettings,
): MatchSettings {
  return { ...defaultMatchSettings, ...(overrides[countyCode] ?? {}) };
}
