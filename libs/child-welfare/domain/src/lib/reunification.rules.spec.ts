import { isRefusal } from './refusal';
import {
  earliestDue,
  enteredFosterCareOn,
  reunificationOrder,
  servicesMonths,
  servicesMonthsByChild,
  sixMonthReviewLimits,
  underThreeAtRemoval,
} from './reunification.rules';

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
    // WIC 361.5(a)(1)(C); W.P. v. Superior Court (2018): six months for the whole sibling group only when it was removed
    // together with a child under 3 and is placed together; not otherwise.
    const older = { removedAt: at, dateOfBirth: '2015-01-01' };
    const baby = { removedAt: at, dateOfBirth: '2025-01-01' };
    it('a sibling group removed together with a child under 3, placed together → 6 for all', () => {
      const group = [
        { ...older, siblingGroupPlacedTogether: true },
        { ...baby, siblingGroupPlacedTogether: true },
      ];
      expect(servicesMonthsByChild(group)).toEqual([6, 6]);
      expect(servicesMonths(group)).toBe(6);
    });
    it('siblings with a child under 3 but not placed together → 6 for the child under 3, 12 for the older one (the case: 12)', () => {
      const apart = [
        { ...older, siblingGroupPlacedTogether: false },
        { ...baby, siblingGroupPlacedTogether: false },
      ];
      expect(servicesMonthsByChild(apart)).toEqual([12, 6]);
      expect(servicesMonths(apart)).toBe(12);
      // Only the older child marked as placed with the group: the child under 3 is not placed with it.
      expect(
        servicesMonthsByChild([
          { ...older, siblingGroupPlacedTogether: true },
          { ...baby, siblingGroupPlacedTogether: false },
        ]),
      ).toEqual([12, 6]);
    });
    it('a sibling group placed together with no child under 3 → 12', () => {
      const group = [
        { ...older, siblingGroupPlacedTogether: true },
        { removedAt: at, dateOfBirth: '2017-06-01', siblingGroupPlacedTogether: true },
      ];
      expect(servicesMonthsByChild(group)).toEqual([12, 12]);
      expect(servicesMonths(group)).toBe(12);
      expect(servicesMonths([{ ...older, siblingGroupPlacedTogether: true }])).toBe(12);
    });
    it('a sibling under 3 removed on another day is not removed together → 12 for the older child', () =>
      expect(
        servicesMonthsByChild([
          { ...older, siblingGroupPlacedTogether: true },
          { removedAt: new Date('2026-09-01T10:00:00-07:00'), dateOfBirth: '2025-01-01', siblingGroupPlacedTogether: true },
        ]),
      ).toEqual([12, 6]));
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

  describe('the 6-month review (WIC 366.21(e)): 6 months after disposition, no later than 12 months after entering foster care', () => {
    it('tracks both limits, each naming its anchor', () =>
      expect(sixMonthReviewLimits('2026-09-25', '2026-09-11')).toEqual([
        {
          purpose: 'six-month-review',
          ruleId: 'cws.court.six-month-review',
          startAt: '2026-09-25T00:00:00.000-07:00',
          anchor: '6 months after the disposition hearing of 2026-09-25',
        },
        {
          purpose: 'six-month-review-limit',
          ruleId: 'cws.court.six-month-review-outer-limit',
          startAt: '2026-09-11T00:00:00.000-07:00',
          anchor: '12 months after entering foster care on 2026-09-11',
        },
      ]));
    it('the earlier one is due: disposition + 6 months normally…', () =>
      expect(
        earliestDue([
          { dueDate: '2027-03-25', a: 1 },
          { dueDate: '2027-09-10', a: 2 },
        ]).a,
      ).toBe(1));
    it('…the 12-month limit when disposition came more than 6 months after entering foster care', () =>
      expect(
        earliestDue([
          { dueDate: '2027-10-20', a: 1 },
          { dueDate: '2027-09-10', a: 2 },
        ]).a,
      ).toBe(2));
    it('a tie names the disposition anchor', () =>
      expect(
        earliestDue([
          { dueDate: '2027-03-25', a: 1 },
          { dueDate: '2027-03-25', a: 2 },
        ]).a,
      ).toBe(1));
  });

  describe('the order at disposition', () => {
    it('is refused without a removal', () =>
      expect(reunificationOrder('2026-09-11', '2026-09-25', [])).toEqual({
        refused: 'Family reunification is ordered for a removed child',
      }));

    it('sets the case and opens the review clocks (e2e: efc 11 Sep, disposition 25 Sep, 6 months)', () => {
      const removedAt = new Date('2026-08-05T16:00:00-07:00');
      const order = reunificationOrder('2026-09-11', '2026-09-25', [
        { removedAt, dateOfBirth: '2024-03-02', siblingGroupPlacedTogether: false },
      ]);
      if (isRefusal(order)) throw new Error(order.refused);
      expect(order).toEqual({
        set: {
          type: 'family-reunification',
          dispositionOutcome: 'family-reunification',
          enteredFosterCareOn: '2026-09-11',
          servicesMonths: 6,
        },
        clocks: [
          // WIC 366.21(e): 6 months after the disposition hearing, no later than 12 months after entering foster care.
          { purpose: 'six-month-review', ruleId: 'cws.court.six-month-review', startAt: '2026-09-25T00:00:00.000-07:00' },
          { purpose: 'six-month-review-limit', ruleId: 'cws.court.six-month-review-outer-limit', startAt: '2026-09-11T00:00:00.000-07:00' },
          { purpose: 'twelve-month-permanency', ruleId: 'cws.court.twelve-month-permanency', startAt: '2026-09-11T00:00:00.000-07:00' },
          { purpose: 'eighteen-month-review', ruleId: 'cws.court.eighteen-month-review', startAt: '2026-08-05T23:00:00.000Z' },
        ],
        sixMonthReview: sixMonthReviewLimits('2026-09-25', '2026-09-11'),
      });
    });

    it('counts from the first removal (California date of the instant)', () => {
      const order = reunificationOrder(null, '2026-10-20', [
        { removedAt: new Date('2026-08-06T05:00:00Z'), dateOfBirth: '2015-01-01', siblingGroupPlacedTogether: false },
        { removedAt: new Date('2026-08-20T12:00:00-07:00'), dateOfBirth: '2016-01-01', siblingGroupPlacedTogether: false },
      ]);
      if (isRefusal(order)) throw new Error(order.refused);
      // 5 Aug in California (10 pm) + 60 days.
      expect(order.set).toMatchObject({ enteredFosterCareOn: '2026-10-04', servicesMonths: 12 });
      expect(order.clocks[3]!.startAt).toBe('2026-08-06T05:00:00.000Z');
    });
  });
});
