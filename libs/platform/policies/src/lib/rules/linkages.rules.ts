import { defineRule } from '../define-rule';
import { shortReminders } from '../ladders';

// RULES.md section 7 and 9.10: how Linkages counties coordinate after a removal.
export const linkagesRules = [
  defineRule({
    id: 'linkages.fr-worker-contacts-csw',
    domain: 'linkages',
    title: 'FR GAIN worker contacts the CSW after a removal in an aided family',
    citation: 'LA DCFS 1200-500.80; LA Linkages protocol',
    status: 'county',
    basis: 'business-days',
    length: 3,
    calendar: 'county',
    trigger: 'Child removed in a CalWORKs-aided family (DCFS 5230 "AB 429 Notification Gram")',
    action: 'Contact between the FR/WTW worker and the child welfare social worker recorded',
    who: 'FR GAIN services worker, CSW',
    source: 'hayconsulting.org (LA protocol); no statewide number found (RULES.md 7)',
    reminders: shortReminders,
  }),
  defineRule({
    id: 'linkages.fr-tickler',
    domain: 'linkages',
    title: 'EW sets the 6-month FR tickler',
    citation: 'Santa Clara "Procedures for FR (AB 429) Cases"',
    status: 'county',
    basis: 'calendar-days',
    length: 5,
    calendar: 'county',
    trigger: 'FR request received by the EW',
    action: 'Case-to-case alert set 6 months from the FR case-plan date',
    who: 'EW / supervisor',
    source: 'Santa Clara SSA policy (day basis unconfirmed)',
    reminders: shortReminders,
  }),
];
