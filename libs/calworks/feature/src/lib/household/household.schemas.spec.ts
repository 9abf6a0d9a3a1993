import { DateTime } from 'luxon';
import { createAssistanceUnitBody, grantBody } from './assistance-unit/assistance-unit.schemas';
import { todayInCalifornia } from './household.schemas';
import { exemptionBody, planBody } from './wtw/wtw.schemas';

const today = todayInCalifornia();
const tomorrow = DateTime.fromISO(today).plus({ days: 1 }).toISODate() ?? '';
const au = (aidedFrom: string) => ({
  caseNumber: 'CW-1234',
  aidedStatus: 'aided',
  aidedFrom,
  members: [{ role: 'applicant', firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', needy: true, aided: true }],
});
const failing = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('household request schemas: facts are not in the future', () => {
  it('accepts a fact dated today in California and refuses tomorrow, naming the field', () => {
    expect(createAssistanceUnitBody.safeParse(au(today)).success).toBe(true);
    expect(failing(createAssistanceUnitBody.safeParse(au(tomorrow)))).toEqual([
      'aidedFrom: cannot be in the future (a date may be today, in California)',
    ]);
  });

  it('refuses a future grant change, a future birth for AB 2300, a plan signed tomorrow; activities may be planned ahead', () => {
    expect(grantBody.safeParse({ effectiveOn: tomorrow, cashAidStatus: 'paid', amountCents: 1, reason: 'approval' }).success).toBe(false);
    expect(failing(exemptionBody.safeParse({ reason: 'ab2300-birth', startsOn: today, eventOn: tomorrow }))).toEqual([
      'eventOn: cannot be in the future (a date may be today, in California)',
    ]);
    expect(
      planBody.safeParse({ signedOn: tomorrow, activities: [{ type: 'education', weeklyHours: 10, startsOn: tomorrow }] }).success,
    ).toBe(false);
    expect(planBody.safeParse({ signedOn: today, activities: [{ type: 'education', weeklyHours: 10, startsOn: tomorrow }] }).success).toBe(
      true,
    );
  });

  it('refuses amounts that are not whole cents, unknown roles and a malformed case number', () => {
    expect(grantBody.safeParse({ effectiveOn: today, cashAidStatus: 'paid', amountCents: 10.5, reason: 'approval' }).success).toBe(false);
    expect(createAssistanceUnitBody.safeParse({ ...au(today), caseNumber: 'a b' }).success).toBe(false);
    const badRole = { ...au(today), members: [{ ...au(today).members[0], role: 'grandparent' }] };
    expect(createAssistanceUnitBody.safeParse(badRole).success).toBe(false);
  });
});
