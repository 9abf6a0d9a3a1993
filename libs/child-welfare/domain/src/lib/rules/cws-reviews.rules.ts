import { defineRule } from '@linkages/platform-deadlines';

const backward = (source: string) => ({
  rollDirection: 'backward' as const,
  rollReason:
    'A "no later than" month limit: tracked to the last open day on or before it, so the hearing or decision is never set past the limit',
  rollSource: source,
});

const continuance = { allowed: true, reasonCodes: ['continuance-good-cause', 'continuance-wic-352'] };

/**
 * RULES.md sections 1 and 2: the initial hearing of a child who is not detained (CRC 5.670(a)), the 24-month review
 * (WIC 366.22, 366.25), the permanent-plan review (WIC 366.3), voluntary Family Maintenance (WIC 16506) and the SDM
 * safety and risk assessments (timing unconfirmed, RULES.md 8.1).
 */
export const cwsReviewRules = [
  defineRule({
    id: 'cws.court.initial-hearing-not-detained',
    domain: 'cws-court',
    title: 'Initial hearing within 15 court days of filing, child not detained',
    citation: 'CRC 5.670(a)',
    status: 'confirmed',
    basis: 'court-days',
    length: 15,
    calendar: 'court',
    anchor: 'the filing of the petition',
    trigger: 'WIC 300 petition filed, child not detained',
    action: 'Initial hearing held',
    who: 'Juvenile court',
    source: 'CRC 5.670(a) (RULES.md 2, "Child not detained, petition filed")',
    extension: continuance,
  }),
  defineRule({
    id: 'cws.court.twenty-four-month-review',
    domain: 'cws-court',
    title: '24-month subsequent permanency review hearing',
    citation: 'WIC 366.22(b), 366.25',
    status: 'confirmed',
    basis: 'months',
    length: 24,
    calendar: 'court',
    ...backward('WIC 366.25 (no later than 24 months after the date of the initial removal); bench guide §6.02'),
    anchor: 'the initial removal',
    trigger: 'Initial removal (services continued past 18 months under WIC 366.22(b))',
    action: '24-month review held: return the child or order a permanent plan hearing',
    who: 'Juvenile court; CWS court report',
    source: 'WIC 366.21(g)(1), 366.22, 366.25; Judicial Council bench guide §6.02 (RULES.md 2, "18-month / 24-month hearings")',
    note: 'Only when the court continued services to 24 months (WIC 366.22(b): limited cases). Counted from the first removal, as the 18-month review.',
  }),
  defineRule({
    id: 'cws.court.permanent-plan-review',
    domain: 'cws-court',
    title: 'Permanent-plan review hearing every 6 months',
    citation: 'WIC 366.3(d)',
    status: 'confirmed',
    basis: 'months',
    length: 6,
    calendar: 'court',
    ...backward('WIC 366.3(d) (reviewed at least every 6 months); LA DCFS 0300-503.16'),
    anchor: 'the permanent plan order (or the last permanent-plan review)',
    trigger: 'Permanent plan ordered at the WIC 366.26 hearing (then each permanent-plan review)',
    action: 'Permanent-plan review held',
    who: 'Juvenile court; CWS',
    source: 'WIC 366.3; LA DCFS 0300-503.16 (RULES.md 2, "Permanent-plan review")',
    extension: continuance,
    note: 'Repeats until jurisdiction ends: each review starts the next 6 months.',
  }),
  defineRule({
    id: 'cws.case.voluntary-family-maintenance',
    domain: 'cws-case',
    title: 'Voluntary Family Maintenance: 6 months, extendable in 6-month increments',
    citation: 'WIC 16506',
    status: 'confirmed',
    basis: 'months',
    length: 6,
    calendar: 'county',
    ...backward('WIC 16506 (current text); RULES.md 2, "Voluntary / non-court FM"'),
    anchor: 'the signing of the voluntary agreement',
    trigger: 'Voluntary (non-court) Family Maintenance agreement signed',
    action: 'Services end, or the social worker and supervisor extend them 6 months because the plan goals are achievable',
    who: 'CWS social worker + supervisor',
    source:
      'WIC 16506, current text (california.public.law); the older text (gamutonline) allowed one extension only. RULES.md 2 says use the current version',
    extension: { allowed: true, reasonCodes: ['plan-goals-achievable-wic-16506'] },
    note: 'An extension adds 6 months (length is in months); the current WIC 16506 sets no number of extensions.',
  }),
  defineRule({
    id: 'cws.er.sdm-safety-assessment',
    domain: 'cws-er',
    title: 'SDM Safety Assessment completed and documented (default 2 business days after the first face-to-face contact)',
    citation: 'LA DCFS 0070-548.10, 0070-548.24',
    status: 'unconfirmed',
    basis: 'business-days',
    length: 2,
    calendar: 'county',
    anchor: 'the first face-to-face contact',
    trigger: 'First face-to-face contact',
    action: 'SDM Safety Assessment documented (a safety plan when threats are found)',
    who: 'ER social worker',
    source:
      'RULES.md 1 and 8.1: the assessment is made at/after the first face-to-face contact and documented before the referral closes; the completion deadline was not found (LA DCFS 0070-548.24 "Time Frames" not retrieved). 2 business days is a conservative default, not a cited number',
    verification:
      'Unconfirmed: read LA DCFS 0070-548.24 "Time Frames for Assessment and Documentation" or the CDSS SDM P&P manual, then set per county.',
  }),
  defineRule({
    id: 'cws.er.sdm-risk-assessment',
    domain: 'cws-er',
    title: 'SDM Risk Assessment completed before the referral closes or is promoted (default 30 days after the first face-to-face contact)',
    citation: 'LA DCFS 0070-548.24',
    status: 'unconfirmed',
    basis: 'calendar-days',
    length: 30,
    calendar: 'county',
    anchor: 'the first face-to-face contact',
    trigger: 'First face-to-face contact',
    action: 'SDM Risk Assessment documented (the risk level drives closing or opening FM/FR)',
    who: 'ER social worker',
    source:
      'RULES.md 1 and 8.1: required before closing or promoting the referral, day count not found. Default = the 30-day investigation disposition (LA DCFS 0070-548.10), the latest the referral can close; a county sets its own number',
    verification: 'Unconfirmed: read LA DCFS 0070-548.24 or the CDSS SDM P&P manual, then set per county.',
  }),
];
