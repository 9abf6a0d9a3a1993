import { defaultFrCountySettings } from '@linkages/calworks-domain';
import { createFrHarness, type FrHarness } from './fr-aid-window.harness.spec-helper';

// What ends an open window besides its six months (RULES.md 4, "What ends the window"): reunification services
// terminated and TPR are inferred from WIC 11203(b)(3) (RULES.md 8.5), so each is a county setting; time-skipping
// server, hand-computed dates.
const uuid = () => globalThis.crypto.randomUUID();

describe('FR aid window: services terminated and TPR per county (time-skipping server)', () => {
  let fr: FrHarness;
  beforeAll(async () => {
    fr = await createFrHarness();
  }, 180_000);
  afterAll(async () => {
    await fr?.close();
  });

  it('a county that keeps the window when services end: it stays open; parental rights terminated closes it', async () => {
    // Removal Mon 15 Mar 2027 → absence April → plan during it (Sat 20 Mar) → grant Sat 1 May 2027 → Sun 31 Oct 2027.
    const family = uuid();
    await fr.h.travelTo('2027-03-15T10:05:00-07:00');
    const { removalId, handle } = await fr.removed({
      familyId: family,
      caseId: uuid(),
      removedAt: '2027-03-15T10:00:00-07:00',
      settings: { ...defaultFrCountySettings, closesOnServicesTerminated: false, closesOnParentalRightsTerminated: true },
    });
    await fr.until(handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(handle);
    await fr.h.travelTo('2027-03-20T10:00:00-07:00');
    await fr.fact(handle, {
      kind: 'case-plan-filed',
      casePlanId: uuid(),
      filedOn: '2027-03-20',
      planKind: 'initial',
      recommendsCashAid: true,
      recommendsAb429Services: false,
    });
    await fr.h.travelTo('2027-05-01T09:00:00-07:00');
    const open = await fr.until(handle, 'window', (v) => v.window !== undefined);
    expect(open.window).toMatchObject({ startsOn: '2027-05-01', endsOn: '2027-10-31' });

    await fr.h.travelTo('2027-06-10T10:00:00-07:00');
    await fr.fact(handle, { kind: 'services-terminated', terminatedOn: '2027-06-10' });
    const kept = await fr.until(handle, 'kept', (v) => v.timeline.some((t) => t.kind === 'fact-kept-window'));
    expect(kept.status).toBe('window-open');

    await fr.h.travelTo('2027-07-15T10:00:00-07:00');
    await fr.fact(handle, { kind: 'parental-rights-terminated', childId: uuid(), terminatedOn: '2027-07-15' });
    const closed = await fr.until(handle, 'closed', (v) => v.status === 'closed');
    expect(closed).toMatchObject({ closeReason: 'parental-rights-terminated', window: { closedOn: '2027-07-15' } });
    expect((await fr.events(family)).at(-1)).toEqual([
      'fr-aid-window-closed',
      expect.objectContaining({ removalId, reason: 'parental-rights-terminated', closedOn: '2027-07-15' }),
    ]);
  }, 180_000);

  it('by default, reunification services terminated closes the window', async () => {
    const family = uuid();
    await fr.h.travelTo('2027-09-15T10:05:00-07:00');
    const { handle } = await fr.removed({ familyId: family, caseId: uuid(), removedAt: '2027-09-15T10:00:00-07:00' });
    await fr.until(handle, 'absence', (v) => v.temporaryAbsence?.endsOn === '2027-10-31');
    await fr.confirm(handle);
    await fr.fact(handle, {
      kind: 'case-plan-filed',
      casePlanId: uuid(),
      filedOn: '2027-09-20',
      planKind: 'initial',
      recommendsCashAid: true,
      recommendsAb429Services: false,
    });
    await fr.h.travelTo('2027-11-01T09:00:00-07:00');
    await fr.until(handle, 'window', (v) => v.window?.startsOn === '2027-11-01');
    await fr.h.travelTo('2027-12-03T10:00:00-08:00');
    await fr.fact(handle, { kind: 'services-terminated', terminatedOn: '2027-12-03' });
    const closed = await fr.until(handle, 'closed', (v) => v.status === 'closed');
    expect(closed).toMatchObject({ closeReason: 'services-terminated', window: { closedOn: '2027-12-03', endsOn: '2028-04-30' } });
    expect((await fr.events(family)).at(-1)?.[1]).toMatchObject({ reason: 'reunification-services-terminated' });
  }, 180_000);
});
