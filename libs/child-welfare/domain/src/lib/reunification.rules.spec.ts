import { isRefusal } from './refusal';
import { enteredFosterCareOn, reunificationOrder, servicesMonths, underThreeAtRemoval } from './reunification.rules';

describe('reunification', () => {
  describe('entered foster care (WIC 361.49): the earlier of jurisdiction and removal + 60 days', () => {
    it('jurisdiction before removal + 60 (e2e: removed 5 Aug, jurisdiction 11 Sep → 11 Sep)', () =>
      expect(enteredFosterCareOn('2026-08-05', '2026-09-11')).toBe('2026-09-11'));
    it('jurisdiction after removal + 60 → removal + 60 (4 Oct)', () =>
      expect(enteredFosterCareOn('2026-08-05', '2026-10-20')).toBe('2026-10-04'));
    it('jurisdiction on removal + 60 → that day', () => expect(enteredFosterCareOn('2026-08-05', '2026-10-04')).toBe('2026-10-04'));
    it('jurisdiction the day before removal + 60 → jurisdiction', () =>
      expect(enteredFosterCareOn('2026-08-05', '2026-10-03')).toBe('2026-10-03'));
    it('no jurisdiction yet → removal + 60', () => expect(enteredFosterCareOn('2026-08-05', null)).toBe('2026-10-04'));
    it('60 days across a leap day', () => expect(enteredFosterCareOn('2028-02-01', null)).toBe('2028-04-01'));
  });

  describe('under 3 at removal', () => {
    const dob = '2023-10-02';
    it('2 years 364 days old: under 3', () => expect(underThreeAtRemoval(dob, new Date('2026-10-01T23:59:00-07:00'))).toBe(true));
    it('the third birthday, at midnight in California: not under 3', () =>
      expect(underThreeAtRemoval(dob, new Date('2026-10-02T00:00:00-07:00'))).toBe(false));
    it('later on the third birthday: not under 3', () =>
      expect(underThreeAtRemoval(dob, new Date('2026-10-02T11:00:00-07:00'))).toBe(false));
    it('the evening before the birthday in California is already the birthday in UTC: still under 3', () =>
      expect(underThreeAtRemoval(dob, new Date('2026-10-02T05:30:00Z'))).toBe(true));
  });

  describe('services months (WIC 361.5(a)(1))', () => {
    const at = new Date('2026-08-05T16:00:00-07:00');
    it('a child under 3 (e2e: born 2 Mar 2024, removed 5 Aug 2026) → 6', () =>
      expect(servicesMonths([{ removedAt: at, dateOfBirth: '2024-03-02', siblingGroupPlacedTogether: false }])).toBe(6));
    it('a child of 3 or more → 12', () =>
      expect(servicesMonths([{ removedAt: at, dateOfBirth: '2015-01-01', siblingGroupPlacedTogether: false }])).toBe(12));
    it('any removed child under 3 → 6', () =>
      expect(
        servicesMonths([
          { removedAt: at, dateOfBirth: '2015-01-01', siblingGroupPlacedTogether: false },
          { removedAt: at, dateOfBirth: '2025-01-01', siblingGroupPlacedTogether: false },
        ]),
      ).toBe(6));
    it('a sibling group placed together → 6, whatever the ages (known gap, kept as is)', () =>
      expect(servicesMonths([{ removedAt: at, dateOfBirth: '2015-01-01', siblingGroupPlacedTogether: true }])).toBe(6));
    it('removal at 2 years 364 days → 6; at 3 years → 12', () => {
      expect(
        servicesMonths([
          { removedAt: new Date('2026-10-01T12:00:00-07:00'), dateOfBirth: '2023-10-02', siblingGroupPlacedTogether: false },
        ]),
      ).toBe(6);
      expect(
        servicesMonths([
          { removedAt: new Date('2026-10-02T12:00:00-07:00'), dateOfBirth: '2023-10-02', siblingGroupPlacedTogether: false },
        ]),
      ).toBe(12);
    });
  });

  describe('the order at disposition', () => {
    it('is refused without a removal', () =>
      expect(reunificationOrder('2026-09-11', [])).toEqual({ refused: 'Family reunification is ordered for a removed child' }));

    it('sets the case and opens the review clocks (e2e: efc 11 Sep, 6 months)', () => {
      const removedAt = new Date('2026-08-05T16:00:00-07:00');
      const order = reunificationOrder('2026-09-11', [{ removedAt, dateOfBirth: '2024-03-02', siblingGroupPlacedTogether: false }]);
      if (isRefusal(order)) throw new Error(order.refused);
      expect(order).toEqual({
        set: {
          type: 'family-reunification',
          dispositionOutcome: 'family-reunification',
          enteredFosterCareOn: '2026-09-11',
          servicesMonths: 6,
        },
        clocks: [
          { purpose: 'six-month-review', ruleId: 'cws.court.six-month-review', startAt: '2026-09-11T00:00:00.000-07:00' },
          { purpose: 'twelve-month-permanency', ruleId: 'cws.court.twelve-month-permanency', startAt: '2026-09-11T00:00:00.000-07:00' },
          { purpose: 'eighteen-month-review', ruleId: 'cws.court.eighteen-month-review', startAt: '2026-08-05T23:00:00.000Z' },
        ],
        sixMonthReview: { ruleId: 'cws.court.six-month-review', startAt: '2026-09-11T00:00:00.000-07:00' },
      });
    });

    it('counts from the first removal (California date of the instant)', () => {
      const order = reunificationOrder(null, [
        { removedAt: new Date('2026-08-06T05:00:00Z'), dateOfBirth: '2015-01-01', siblingGroupPlacedTogether: false },
        { removedAt: new Date('2026-08-20T12:00:00-07:00'), dateOfBirth: '2016-01-01', siblingGroupPlacedTogether: false },
      ]);
      if (isRefusal(order)) throw new Error(order.refused);
      // 5 Aug in California (10 pm) + 60 days.
      expect(order.set).toMatchObject({ enteredFosterCareOn: '2026-10-04', servicesMonths: 12 });
      expect(order.clocks[2]!.startAt).toBe('2026-08-06T05:00:00.000Z');
    });
  });
});
