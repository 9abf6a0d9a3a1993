import type { ErChecklistItem, LinkagesCountySettings } from '../strategy/linkages-settings';

/**
 * The ER + CalWORKs one-time coordination (the program: "check and resolve a sanction, refer to mental-health /
 * domestic-violence / substance-use assessment, connect to housing"), as the county runs it: resolve-sanction only
 * when a sanction or a noncompliance episode is open.
 */
export function erChecklistFor(settings: Pick<LinkagesCountySettings, 'erChecklist'>, facts: { sanctionOpen: boolean }): ErChecklistItem[] {
  return settings.erChecklist.filter((item) => item !== 'resolve-sanction' || facts.sanctionOpen);
}
