// A county's Linkages choices where the program leaves them open (RULES.md 7: "cadence set locally"; plan §13 items
// 7–10). Every value here is unconfirmed: a county overrides it in `linkagesCountySettings`.

/** The items of the ER + CalWORKs one-time coordination (the program's "check and resolve a sanction, refer to
 * mental-health / domestic-violence / substance-use assessment, connect to housing"). */
export const erChecklistItems = [
  'check-sanction',
  'resolve-sanction',
  'refer-mental-health',
  'refer-domestic-violence',
  'refer-substance-use',
  'connect-housing',
] as const;
export type ErChecklistItem = (typeof erChecklistItems)[number];

export interface SpecialPopulationCriteria {
  /** A family recorded homeless counts. */
  homeless: boolean;
  /** A family with a WTW sanction in effect counts. */
  sanctioned: boolean;
  /** A parent in the age band counts as a teen parent. */
  teenParent: boolean;
  /** The age band of a teen parent (the match-key age bands: `under-20`). */
  teenParentAgeBand: 'under-20';
}

export interface LinkagesCountySettings {
  /** Special populations (homeless, sanctioned, teen parents): which criteria the county uses (unconfirmed). */
  specialPopulations: SpecialPopulationCriteria;
  /** The ER + CalWORKs checklist the county runs (resolve-sanction opens only when a sanction or noncompliance is open). */
  erChecklist: readonly ErChecklistItem[];
  /** A parent's weekly hours above which no time is left for court-ordered services (default 40, unconfirmed; WIC 11322.8 to verify). */
  maxWeeklyHours: number;
  /** CWS case-plan activity types that may count toward WTW participation: candidates for the workers to confirm, never counted automatically (WIC 11322.6 to verify). */
  wtwCountableCwsActivityTypes: readonly string[];
  /** A CFT meeting meets the joint case-planning meeting only when the CalWORKs worker was invited. */
  cftMeetingCountsWhenCalworksInvited: boolean;
}

export const defaultLinkagesSettings: LinkagesCountySettings = {
  specialPopulations: { homeless: true, sanctioned: true, teenParent: true, teenParentAgeBand: 'under-20' },
  erChecklist: erChecklistItems,
  maxWeeklyHours: 40,
  wtwCountableCwsActivityTypes: ['mental-health-treatment', 'substance-use-treatment', 'domestic-violence-services', 'parenting-class'],
  cftMeetingCountsWhenCalworksInvited: true,
};

/** County overrides (FIPS code → settings); empty: every county on the default. */
export const linkagesCountySettings: Readonly<Record<string, Partial<LinkagesCountySettings>>> = {};

export const linkagesSettingsFor = (countyCode: string): LinkagesCountySettings => ({
  ...defaultLinkagesSettings,
  ...linkagesCountySettings[countyCode],
});
