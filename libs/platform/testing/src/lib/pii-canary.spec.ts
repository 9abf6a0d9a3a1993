import { piiCanary } from './pii-canary';

describe('piiCanary', () => {
  const token = 'ab6789cd'.repeat(8); // 64 hex digits that happen to hold '6789'

  it('does not see a short plaintext that a keyed token holds by chance', () => {
    expect(piiCanary([JSON.stringify({ keys: { ssn: token } })], ['6789'])).toEqual({ found: [], cut: 1 });
  });

  it('sees a name, a date or the last four written as fields of their own', () => {
    const payload = JSON.stringify({ keys: { ssn: token }, firstName: 'Guadalupe', dob: '1988-07-14', last4: '6789' });
    expect(piiCanary([payload], ['Guadalupe', '1988-07-14', '6789', 'Soto'])).toEqual({
      found: ['Guadalupe', '1988-07-14', '6789'],
      cut: 1,
    });
  });

  it('reads every payload', () => {
    expect(piiCanary(['{"a":1}', '{"name":"Mateo"}'], ['Mateo']).found).toEqual(['Mateo']);
  });
});
