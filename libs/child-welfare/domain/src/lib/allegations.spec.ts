import { allegationsRefusal, allegationTypesOf, decodeAllegation, encodeAllegation } from './allegations';

describe('allegations', () => {
  it('are stored as <type>:<childId> and read back', () => {
    const a = { type: 'general-neglect', childId: '0b6f3a2e-5d1c-4c1e-9a57-3f2a3c1d9e01' };
    expect(encodeAllegation(a)).toBe('general-neglect:0b6f3a2e-5d1c-4c1e-9a57-3f2a3c1d9e01');
    expect(decodeAllegation(encodeAllegation(a))).toEqual(a);
    expect(allegationTypesOf([encodeAllegation(a), 'physical-abuse:x'])).toEqual(['general-neglect', 'physical-abuse']);
  });

  it('must each name a child of the family', () => {
    const children = new Set(['c1', 'c2']);
    expect(
      allegationsRefusal(
        [
          { type: 'physical-abuse', childId: 'c1' },
          { type: 'general-neglect', childId: 'c2' },
        ],
        children,
      ),
    ).toBeUndefined();
    expect(
      allegationsRefusal(
        [
          { type: 'physical-abuse', childId: 'c1' },
          { type: 'general-neglect', childId: 'stranger' },
        ],
        children,
      ),
    ).toEqual({ refused: 'Every allegation must name a child of this family' });
  });
});
