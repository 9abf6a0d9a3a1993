import { calworksRules, frRules } from '@linkages/calworks-domain';
import { defineRule, type PolicyRule } from '@linkages/platform-deadlines';

// Rule records the FR process names that the catalog does not hold yet (asked of the lead, who owns rules/): the
// process tests run with these drafts until the catalog has them; a catalog record always wins.
const drafts: PolicyRule[] = [
  defineRule({
    id: frRules.memberConfirmation,
    domain: 'calworks-fr',
    title: 'EW confirms which AU members the removed children are, immediately on the removal notice',
    citation: 'LA DPSS CalWORKs policy (DCFS 5230)',
    status: 'county',
    basis: 'hours',
    length: 24,
    calendar: 'county',
    anchor: 'the removal notice received by CalWORKs',
    trigger: 'CalWORKs receives child welfare notice of a removal (child-removed)',
    action: 'EW removes the children from the AU, sets the FR indicator, notes the case',
    who: 'EW',
    source: 'RULES.md 7 (LA DPSS CalWORKs policy: "immediately"); 24 hours as in RULES.md 6 ("Immediate" = hours)',
  }),
  defineRule({
    id: frRules.unmatchedCaseReview,
    domain: 'calworks-fr',
    title: 'Review an event naming a CalWORKs case number the county does not hold',
    citation: 'Linkages protocol (no state number)',
    status: 'unconfirmed',
    basis: 'business-days',
    length: 1,
    calendar: 'county',
    anchor: 'the event received',
    trigger: 'A child welfare event names an unknown CalWORKs case number',
    action: 'EW matches it to an AU or records that the family is not aided',
    who: 'EW',
    source: 'RULES.md 7 ("Notify CalWORKs within N days of removal": not found statewide); default 1 business day',
  }),
  defineRule({
    id: frRules.recommendationFollowUp,
    domain: 'calworks-fr',
    title: "Child welfare's cash-aid recommendation missing when the temporary-absence month ended",
    citation: 'ACL 25-05',
    status: 'unconfirmed',
    basis: 'business-days',
    length: 1,
    calendar: 'county',
    anchor: 'the end of the temporary-absence month',
    trigger: 'The temporary-absence month ended without a reunification plan recommending cash aid',
    action: 'EW asks the CSW for the plan (or its amendment); the supervisor is told when it stays missing',
    who: 'EW, supervisor',
    source: 'RULES.md 4 ("Who decides": a plan without the recommendation must be amended); follow-up default 1 business day',
  }),
];

/** CalWORKs' catalog plus the drafts it does not hold yet. */
export const frTestRules: readonly PolicyRule[] = [...calworksRules, ...drafts.filter((d) => !calworksRules.some((r) => r.id === d.id))];
