import { HANDOFF_RULE, startsHandoffClock } from './handoff.rules';
import { linkagesRules } from './rules/linkages.rules';

describe('the Linkages hand-off clock (RULES.md 9.10)', () => {
  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false],
  ])('child removed %s, CalWORKs-aided %s: starts the clock %s', (childRemoved, calworksAided, starts) => {
    expect(startsHandoffClock({ childRemoved, calworksAided })).toBe(starts);
  });

  it('is a rule of the Linkages catalog: 3 business days', () => {
    expect(linkagesRules.find((r) => r.id === HANDOFF_RULE)).toMatchObject({ basis: 'business-days', length: 3 });
  });
});
