import { createFrHarness, PARTICIPANT, type FrHarness } from './fr-aid-window.harness.spec-helper';

// AB 429 in the FR aid process at real durations (time-skipping server, hand-computed dates; RULES.md 4): WTW and
// supportive services continue for the parent in reunification (no cash while all children are removed), a sanctioned
// parent joins at once, the services end after 180 days without child welfare's good cause, and the exclusions are
// refused with their reason.
const uuid = () => globalThis.crypto.randomUUID();
const plan = (filedOn: string, nextUpdateDue: string) =>
  ({
    kind: 'case-plan-filed',
    casePlanId: uuid(),
    filedOn,
    planKind: 'initial',
    recommendsCashAid: false,
    recommendsAb429Services: true,
    nextUpdateDue,
  }) as const;

describe('AB 429 services in the FR aid process (time-skipping server, hand-computed dates)', () => {
  let fr: FrHarness;
  beforeAll(async () => {
    fr = await createFrHarness();
  }, 180_000);
  afterAll(async () => {
    await fr?.close();
  });

  // Skipped until the CloudEvent envelope accepts event names with digits: cloudEventSchema's type pattern in
  // libs/shared/contracts/src/lib/cloud-event.ts is `[a-z-]+`, so `ab429-services-continued` fails to enqueue (the
  // catalog's own test already allows digits). Unskip with that one-line fix.
  it('a WTW-sanctioned parent of an AU not aided at removal joins at once; services continue, then end on day 180 (Tue 14 Aug 2029)', async () => {
    const family = uuid();
    await fr.h.travelTo('2029-02-15T10:05:00-08:00');
    const { removalId, handle } = await fr.removed({ familyId: family, caseId: uuid(), removedAt: '2029-02-15T10:00:00-08:00' });
    await fr.until(handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(handle, { auAidedAtRemoval: false, parentWtwSanctioned: true });
    // Plan Tue 20 Feb 2029: services from that date; the redetermination 6 months on, Mon 20 Aug 2029, the same day as
    // child welfare's next plan review (nothing to align).
    await fr.h.travelTo('2029-02-20T11:00:00-08:00');
    await fr.fact(handle, plan('2029-02-20', '2029-08-20'));
    const continued = await fr.until(handle, 'AB 429', (v) => v.ab429 !== undefined);
    expect(continued.ab429).toMatchObject({ startsOn: '2029-02-20', redeterminationDueOn: '2029-08-20', round: 1 });
    expect(continued.window).toBeUndefined();
    const [name, payload] = (await fr.events(family)).find(([n]) => n === 'ab429-services-continued') ?? [];
    expect(name).toBe('ab429-services-continued');
    expect(payload).toMatchObject({
      removalId,
      participantId: PARTICIPANT,
      continuedFrom: '2029-02-20',
      redeterminationDueOn: '2029-08-20',
      basis: 'reunification-plan',
    });

    // 180 calendar days from the removal Thu 15 Feb 2029 (first day not counted) → Tue 14 Aug 2029: the services end.
    await fr.h.travelTo('2029-08-15T09:00:00-07:00');
    const ended = await fr.until(handle, 'services ended', (v) => v.ab429?.endedOn !== undefined);
    expect(ended.ab429?.endedOn).toBe('2029-08-14');
    const [row] = (await fr.ds.query(
      `SELECT status, ended_on::text AS ended_on, end_reason FROM "${fr.schema}".fr_ab429_services WHERE removal_id = $1`,
      [removalId],
    )) as { status: string; ended_on: string; end_reason: string }[];
    expect(row).toEqual({ status: 'ended', ended_on: '2029-08-14', end_reason: 'period-ended' });
    await fr.fact(handle, { kind: 'case-closed', closedOn: '2029-08-16' });
    await fr.until(handle, 'closed', (v) => v.status === 'closed');
  }, 180_000);

  it('an SSI recipient is refused AB 429 services with the reason; nothing else changes', async () => {
    const family = uuid();
    await fr.h.travelTo('2029-09-10T10:05:00-07:00');
    const { handle } = await fr.removed({ familyId: family, caseId: uuid(), removedAt: '2029-09-10T10:00:00-07:00' });
    await fr.until(handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(handle, {}, { ssiRecipient: true });
    await fr.fact(handle, plan('2029-09-12', '2030-03-12'));
    const refused = await fr.until(handle, 'refusal', (v) => v.refusals.length > 0);
    expect(refused.refusals[0]).toMatchObject({ code: 'ssi-recipient', reason: expect.stringContaining('SSI recipients') });
    expect(refused.ab429).toBeUndefined();
    expect((await fr.events(family)).map(([n]) => n)).not.toContain('ab429-services-continued');
    await fr.fact(handle, { kind: 'case-closed', closedOn: '2029-09-13' });
    await fr.until(handle, 'closed', (v) => v.status === 'closed');
  }, 180_000);
});
