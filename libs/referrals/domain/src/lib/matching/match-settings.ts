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
}

export const defaultMatchSettings: MatchSettings = {
  linkThreshold: 0.995,
  reviewThreshold: 0.5,
  commonNameFrequency: 0.01,
  termFrequencyMinimumPopulation: 1000,
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
