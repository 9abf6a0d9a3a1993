import { PolicyRegistry } from '@linkages/platform-deadlines';
import { MDT_WINDOW_RULE, mdtMembershipTerms, mdtWindowOpening } from './mdt-window.rules';
import { linkagesRules } from './rules/linkages.rules';

const registry = new PolicyRegistry(linkagesRules);
const recorded = { by: 'cws-supervisor', at: '2026-11-12T17:00:00.000Z' };
const membership = {
  reportReceivedOn: '2026-11-10',
  memberSubjects: ['demo:liaison', 'demo:liaison', 'demo:ew'],
  reference: 'County MDT protocol, meeting 2026-11-12',
};

describe('the MDT information window (WIC 18961.7)', () => {
  it('opens at the start of the report’s day, county time, on the MDT window rule', () => {
    expect(mdtWindowOpening(membership, recorded)).toEqual({
      ruleId: MDT_WINDOW_RULE,
      startAt: '2026-11-10T00:00:00.000-08:00',
      adjustments: { extensions: [] },
    });
    // Daylight time: the same day boundary, the other offset.
    expect(mdtWindowOpening({ reportReceivedOn: '2026-07-01' }, recorded).startAt).toBe('2026-07-01T00:00:00.000-07:00');
  });

  it('records a good-cause extension in the rule’s days, by whoever recorded the membership, when', () => {
    expect(mdtWindowOpening({ ...membership, goodCauseExtensionDays: 14 }, recorded).adjustments).toEqual({
      extensions: [{ length: 14, reasonCode: 'good-cause', by: 'cws-supervisor', at: '2026-11-12T17:00:00.000Z' }],
    });
  });

  it('lets the members see identity and details from the report’s day until the rule’s end, 30 calendar days on', () => {
    const opening = mdtWindowOpening(membership, recorded);
    const due = registry.due(opening.ruleId, '06085', opening.startAt, opening.adjustments);
    const terms = mdtMembershipTerms(membership, opening, due);
    expect(terms).toEqual({
      kind: 'mdt',
      effectiveFrom: new Date('2026-11-10T08:00:00.000Z'),
      expiresAt: new Date(due.dueAt!),
      categories: ['identity', 'detail'],
      scopes: [],
      memberSubjects: ['demo:liaison', 'demo:ew'],
      reference: 'County MDT protocol, meeting 2026-11-12',
      basis: due.explanation.summary,
    });
    expect(due.dueDate).toBe('2026-12-10');
    expect(terms.basis).toContain('WIC 18961.7');
  });

  it('moves the end by the extension and says why in the basis', () => {
    const extended = { ...membership, goodCauseExtensionDays: 14, goodCauseReason: 'Forensic interview rescheduled' };
    const opening = mdtWindowOpening(extended, recorded);
    const due = registry.due(opening.ruleId, '06085', opening.startAt, opening.adjustments);
    const terms = mdtMembershipTerms(extended, opening, due);
    expect(due.dueDate).toBe('2026-12-24');
    expect(terms.basis).toBe(`${due.explanation.summary} Good cause: Forensic interview rescheduled.`);
  });

  it('refuses a window without an end', () => {
    const opening = mdtWindowOpening(membership, recorded);
    const due = registry.due(opening.ruleId, '06085', opening.startAt);
    expect(() => mdtMembershipTerms(membership, opening, { ...due, dueAt: null })).toThrow('The MDT window rule produced no end date');
  });
});
