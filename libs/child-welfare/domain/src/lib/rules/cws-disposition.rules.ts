import { defineRule } from '@linkages/platform-deadlines';

/**
 * How a closed last day moves: a month limit is tracked to the last open court day on or before it; a day count ends
 * on the next court day (CCP 12a).
 */
const backward = (source: string) => ({
  rollDirection: 'backward' as const,
  rollReason:
    'A "no later than" month limit for a hearing: tracked to the last open court day on or before it, so the hearing is never set past the statutory limit',
  rollSource: source,
});
const forward = (source: string) => ({
  rollDirection: 'forward' as const,
  rollReason: 'A day count for a hearing: a closed last day ends on the next court day',
  rollSource: `CCP 12, 12a; CCP 135; ${source}`,
});

const continuance = { allowed: true, reasonCodes: ['continuance-good-cause', 'continuance-wic-352', 'continuance-parent-request-wic-319'] };

/**
 * RULES.md section 2: the disposition hearing's clocks (WIC 358(a), 352(b)), the 6-month review's outer limit
 * (WIC 366.21(e)) and the .26 hearing after services end at a later review (WIC 366.21/366.22, unconfirmed).
 */
export const cwsDispositionRules = [
  defineRule({
    id: 'cws.court.disposition-detained',
    domain: 'cws-court',
    title: 'Disposition hearing, child detained (10 court days after the jurisdiction finding)',
    citation: 'WIC 358(a)(1); CRC 5.686',
    status: 'confirmed',
    basis: 'court-days',
    length: 10,
    calendar: 'court',
    anchor: 'the jurisdiction finding',
    trigger: 'Jurisdiction finding (WIC 356), child detained',
    action: 'Disposition hearing held (a continuance while the child is detained may not exceed 10 court days)',
    who: 'Juvenile court; CWS disposition report',
    source: 'WIC 358(a); CRC 5.686; Judicial Council bench guide §5.02 (RULES.md 2, "Disposition hearing")',
    note: 'When the social worker alleges a bypass (WIC 361.5(b)) the cap is 30 days instead (WIC 358(a)(2)); not modelled yet.',
    extension: continuance,
  }),
  defineRule({
    id: 'cws.court.disposition-not-detained',
    domain: 'cws-court',
    title: 'Disposition hearing, child not detained (30 days after the jurisdiction finding)',
    citation: 'WIC 358(a)(3); CRC 5.686',
    status: 'confirmed',
    basis: 'calendar-days',
    length: 30,
    calendar: 'court',
    ...forward('WIC 358(a)(3)'),
    anchor: 'the jurisdiction finding',
    trigger: 'Jurisdiction finding (WIC 356), child not detained',
    action: 'Disposition hearing held (the court may continue it 15 more days for cause)',
    who: 'Juvenile court; CWS disposition report',
    source: 'WIC 358(a); CRC 5.686; Judicial Council bench guide §5.02 (RULES.md 2, "Disposition hearing")',
    extension: continuance,
  }),
  defineRule({
    id: 'cws.court.disposition-outer-limit',
    domain: 'cws-court',
    title: 'Disposition completed within 60 days after the detention hearing',
    citation: 'WIC 352(b); CRC 5.550(a)(3)',
    status: 'confirmed',
    basis: 'calendar-days',
    length: 60,
    calendar: 'court',
    ...forward('WIC 352(b)'),
    anchor: 'the detention hearing',
    trigger: 'Detention hearing (WIC 319) of a removed child',
    action: 'Disposition hearing completed, unless the court finds a longer continuance in the child’s best interest',
    who: 'Juvenile court',
    source: 'WIC 352(b); CRC 5.550(a)(3) (RULES.md 2, "Outer limits when detained")',
    note: 'Not moved by continuances: a later date needs the court’s best-interest finding (exceptional circumstances).',
  }),
  defineRule({
    id: 'cws.court.disposition-six-month-limit',
    domain: 'cws-court',
    title: 'Disposition completed never more than 6 months after the detention hearing',
    citation: 'WIC 352(b)',
    status: 'confirmed',
    basis: 'months',
    length: 6,
    calendar: 'court',
    ...backward('WIC 352(b) ("in no event" more than 6 months after the detention hearing)'),
    anchor: 'the detention hearing',
    trigger: 'Detention hearing (WIC 319) of a removed child',
    action: 'Disposition hearing completed (no continuance may pass this limit)',
    who: 'Juvenile court',
    source: 'WIC 352(b); CRC 5.550(a)(3) (RULES.md 2, "Outer limits when detained")',
  }),
  defineRule({
    id: 'cws.court.six-month-review-outer-limit',
    domain: 'cws-court',
    title: '6-month review no later than 12 months after entering foster care',
    citation: 'WIC 366.21(e)',
    status: 'confirmed',
    basis: 'months',
    length: 12,
    calendar: 'court',
    ...backward('WIC 366.21(e) (no later than 12 months after entering foster care); bench guide §6.02'),
    anchor: "the child's entry into foster care",
    trigger: 'Date entered foster care (WIC 361.49)',
    action: 'Review hearing held (the earlier of this and 6 months after the disposition hearing is due)',
    who: 'Juvenile court; CWS',
    source: 'WIC 366.21(e); bench guide §6.02 (RULES.md 2, "6-month review")',
  }),
  defineRule({
    id: 'cws.court.section-366-26-after-termination',
    domain: 'cws-court',
    title: 'WIC 366.26 hearing after reunification services are terminated at a review',
    citation: 'WIC 366.21(g), 366.22(a)',
    status: 'unconfirmed',
    basis: 'calendar-days',
    length: 120,
    calendar: 'court',
    ...forward('WIC 366.21(g), 366.22(a)'),
    anchor: 'the termination of reunification services',
    trigger: 'Reunification services terminated at a 6-, 12- or 18-month review',
    action: '.26 (permanent plan) hearing held',
    who: 'Juvenile court',
    source:
      'RULES.md 2 ("No RS ordered (bypass)"): the 120 days after termination at a later review is not in the retrieved text of WIC 366.21/366.22; configurable per county until checked',
    verification: 'Not found in the retrieved text; check WIC 366.21(g) and 366.22(a) on leginfo before confirming.',
    configurablePerCounty: true,
    extension: continuance,
  }),
];
