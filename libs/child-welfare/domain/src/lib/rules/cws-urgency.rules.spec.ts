import { cwsCourtRules } from './cws-court.rules';
import { cwsEmergencyResponseRules } from './cws-emergency-response.rules';

// RULES.md: an immediate response and a detention petition are legally urgent (quiet hours never delay them).
describe('legally urgent CWS rules', () => {
  const all = [...cwsCourtRules, ...cwsEmergencyResponseRules];
  const urgent = all.filter((r) => r.escalationPolicy?.legallyUrgent).map((r) => r.id);
  it('marks the immediate response, the petition filing and the detention hearing, and nothing else', () => {
    expect(urgent.sort()).toEqual(['cws.court.detention-hearing', 'cws.court.petition-filing', 'cws.er.immediate-response']);
  });
});
