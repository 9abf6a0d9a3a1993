import { decideCwsDisclosure, type SharingAuthority } from '@linkages/platform-access';
import { authorityLabel, disclosed, readRefusal } from './referral-disclosure';

const now = new Date('2026-12-01T12:00:00Z');
const record = { county: '06085' };
const consent: SharingAuthority = {
  id: 'a1',
  kind: 'consent',
  county: '06085',
  effectiveFrom: new Date('2026-11-01T00:00:00Z'),
  expiresAt: new Date('2027-11-01T00:00:00Z'),
  categories: ['identity', 'detail'],
};

describe('reading a referral through the sharing policy', () => {
  it('refuses another agency without authority: forbidden, so the caller knows to ask for one', () => {
    const decision = decideCwsDisclosure({ subject: 's', agency: 'platform', county: '06085' }, record, [consent], now);
    expect(decision.allowed).toBe(false);
    expect(readRefusal(true, decision)).toEqual({ answer: 'no-authority', reason: 'no sharing authority for the caller’s agency' });
  });

  it('answers a missing referral and another county’s alike: not found', () => {
    const missing = readRefusal(false, undefined);
    expect(missing).toEqual({ answer: 'not-found', reason: 'not found in the caller’s county' });
    expect(readRefusal(true, decideCwsDisclosure({ subject: 's', agency: 'cws', county: '06037' }, record, [], now))).toEqual(missing);
  });

  it('labels the audited authority with its basis and the authorities that widened it', () => {
    const decision = decideCwsDisclosure({ subject: 's', agency: 'calworks', county: '06085' }, record, [consent], now);
    expect(authorityLabel(decision)).toBe('consent:a1');
    expect(authorityLabel({ allowed: false, classes: [], authorityIds: [] })).toBe('none');
    expect(disclosed({ id: 'r1' }, decision)).toEqual({
      id: 'r1',
      disclosure: { basis: 'consent', citation: decision.citation, classes: decision.classes, authorityIds: ['a1'] },
    });
  });
});
