import { WorkflowUpdateFailedError } from '@temporalio/client';
import { defaultFrCountySettings } from '@linkages/calworks-domain';
import { waitFor } from '@linkages/platform-testing';
import { createFrHarness, PARTICIPANT, type FrHarness } from './fr-aid-window.harness.spec-helper';

// AB 429 in the FR aid process at real durations (time-skipping server, hand-computed dates; RULES.md 4): WTW and
// supportive services continue for the parent in reunification (no cash while all children are removed), a sanctioned
// parent joins at once, the services end after 180 days without child welfare's good cause and continue past them with
// it, the eligibility worker's redeterminations meet their clocks, and the exclusions and bad requests are refused with
// their reason.
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
    // The workflow's state shows the end before its activity has recorded it on the row: wait for the row.
    const row = await waitFor(
      async () => {
        const [r] = (await fr.ds.query(
          `SELECT status, ended_on::text AS ended_on, end_reason FROM "${fr.schema}".fr_ab429_services WHERE removal_id = $1`,
          [removalId],
        )) as { status: string; ended_on: string; end_reason: string }[];
        return r?.status === 'ended' ? r : undefined;
      },
      { timeoutMs: 15_000, what: 'the ended AB 429 services row' },
    );
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

  it('child welfare’s good cause continues the services past day 180 (Mon 15 Jul 2030) through Tue 31 Dec 2030; an on-time redetermination counts the next six months from it', async () => {
    const family = uuid();
    await fr.h.travelTo('2030-01-15T10:05:00-08:00');
    const { removalId, handle } = await fr.removed({ familyId: family, caseId: uuid(), removedAt: '2030-01-15T10:00:00-08:00' });
    await fr.until(handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(handle);
    // Plan Mon 21 Jan 2030 → first redetermination 6 months on, Sun 21 Jul 2030, tracked back to Fri 19 Jul (never late);
    // child welfare's review Sun 21 Jul is not earlier: nothing to align.
    await fr.h.travelTo('2030-01-21T11:00:00-08:00');
    await fr.fact(handle, plan('2030-01-21', '2030-07-21'));
    const started = await fr.until(handle, 'AB 429', (v) => v.ab429 !== undefined);
    expect(started.ab429).toMatchObject({ startsOn: '2030-01-21', redeterminationDueOn: '2030-07-19', round: 1 });

    // 180 days from Tue 15 Jan 2030 → Sun 14 Jul, a closed day → Mon 15 Jul 2030 (CCP 12a). Child welfare grants good
    // cause on Tue 25 Jun through Tue 31 Dec 2030 (within the county's 180 days past the period: Sat 11 Jan 2031).
    await fr.h.travelTo('2030-06-25T09:00:00-07:00');
    await fr.fact(handle, { kind: 'fr-services-good-cause', grantedOn: '2030-06-25', continuesThrough: '2030-12-31' });
    const extended = await fr.until(handle, 'good cause', (v) => v.ab429?.goodCauseThrough !== undefined);
    expect(extended.ab429?.goodCauseThrough).toBe('2030-12-31');
    expect(extended.timeline.find((t) => t.kind === 'ab429-good-cause')?.detail).toMatchObject({ periodEndsOn: '2030-07-15' });
    const continued = (await fr.events(family)).filter(([n]) => n === 'ab429-services-continued').map(([, p]) => p);
    expect(continued).toEqual([
      expect.objectContaining({ basis: 'reunification-plan', continuedFrom: '2030-01-21' }),
      expect.objectContaining({
        removalId,
        basis: 'cws-good-cause-extension',
        continuedFrom: '2030-07-16',
        redeterminationDueOn: '2030-07-19',
      }),
    ]);

    // The eligibility worker completes the redetermination on Wed 10 Jul 2030, before it is due: round 1 is met, and
    // round 2 counts six months from it → Fri 10 Jan 2031.
    await fr.h.travelTo('2030-07-10T14:00:00-07:00');
    const done = await fr.redetermined(handle, '2030-07-10');
    expect(done.ab429).toMatchObject({ round: 2, redeterminationDueOn: '2031-01-10', lastRedeterminationOn: '2030-07-10' });
    const [rd] = (await fr.ds.query(
      `SELECT redetermination_round AS round, redetermination_due_on::text AS due, last_redetermination_on::text AS last,
              good_cause_through::text AS through FROM "${fr.schema}".fr_ab429_services WHERE removal_id = $1`,
      [removalId],
    )) as { round: number; due: string; last: string; through: string }[];
    expect(rd).toEqual({ round: 2, due: '2031-01-10', last: '2030-07-10', through: '2030-12-31' });

    // Day 180 passes: the services go on (the period's clock now ends on the good cause's last day).
    await fr.h.travelTo('2030-07-20T09:00:00-07:00');
    const running = await fr.view(handle);
    expect(running.ab429?.endedOn).toBeUndefined();
    expect((await fr.events(family)).map(([n]) => n)).not.toContain('redetermination-due');

    // Tue 31 Dec 2030 ends the good cause: the services end on that day, and a second good cause is refused.
    await fr.h.travelTo('2031-01-02T09:00:00-08:00');
    const ended = await fr.until(handle, 'services ended', (v) => v.ab429?.endedOn !== undefined);
    expect(ended.ab429?.endedOn).toBe('2030-12-31');
    await fr.fact(handle, { kind: 'fr-services-good-cause', grantedOn: '2031-01-02', continuesThrough: '2031-01-10' });
    const refused = await fr.until(handle, 'refusal', (v) => v.refusals.length > 0);
    expect(refused.refusals[0]).toMatchObject({ code: 'ab429-services-ended', reason: expect.stringContaining('2030-12-31') });
    await expect(fr.redetermined(handle, '2031-01-02')).rejects.toThrow(WorkflowUpdateFailedError);
    await fr.fact(handle, { kind: 'case-closed', closedOn: '2031-01-03' });
    await fr.until(handle, 'closed', (v) => v.status === 'closed');
  }, 180_000);

  it('refuses a good cause that does not reach past the period, one beyond the county’s limit, and a second one; a late redetermination meets the overdue round', async () => {
    const family = uuid();
    await fr.h.travelTo('2031-03-03T10:05:00-08:00');
    const { handle } = await fr.removed({
      familyId: family,
      caseId: uuid(),
      removedAt: '2031-03-03T10:00:00-08:00',
      settings: { ...defaultFrCountySettings, ab429GoodCauseMaxDays: 90 },
    });
    await fr.until(handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(handle);
    // Plan Tue 4 Mar 2031 → redetermination Thu 4 Sep 2031. Period: 180 days from Mon 3 Mar 2031 → Sat 30 Aug, a closed
    // day; Mon 1 Sep is Labor Day → Tue 2 Sep 2031. This county allows 90 days past it: through Mon 1 Dec 2031.
    await fr.h.travelTo('2031-03-04T11:00:00-08:00');
    await fr.fact(handle, plan('2031-03-04', '2031-09-04'));
    await fr.until(handle, 'AB 429', (v) => v.ab429 !== undefined);
    await fr.h.travelTo('2031-08-20T09:00:00-07:00');
    await fr.fact(handle, { kind: 'fr-services-good-cause', grantedOn: '2031-08-20', continuesThrough: '2031-09-02' });
    await fr.fact(handle, { kind: 'fr-services-good-cause', grantedOn: '2031-08-20', continuesThrough: '2031-12-02' });
    await fr.fact(handle, { kind: 'fr-services-good-cause', grantedOn: '2031-08-20', continuesThrough: '2031-12-01' });
    await fr.fact(handle, { kind: 'fr-services-good-cause', grantedOn: '2031-08-21', continuesThrough: '2031-11-01' });
    const decided = await fr.until(handle, 'four decisions', (v) => v.refusals.length === 3 && v.ab429?.goodCauseThrough !== undefined);
    expect(decided.refusals.map((r) => r.code)).toEqual([
      'good-cause-not-past-period',
      'good-cause-beyond-county-limit',
      'ab429-good-cause-already-granted',
    ]);
    expect(decided.refusals[1]?.reason).toContain('2031-12-01');
    expect(decided.ab429?.goodCauseThrough).toBe('2031-12-01');

    // Bad redeterminations change nothing: a date before the services started, and one in the future.
    await expect(fr.redetermined(handle, '2031-03-01')).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(fr.redetermined(handle, '2031-08-21')).rejects.toThrow(WorkflowUpdateFailedError);
    // Thu 4 Sep 2031 passes without one: redetermination-due, and round 2 runs from that date (→ Thu 4 Mar 2032).
    await fr.h.travelTo('2031-09-05T09:00:00-07:00');
    const due = await fr.until(handle, 'round 2', (v) => v.ab429?.round === 2);
    expect(due.ab429?.redeterminationDueOn).toBe('2032-03-04');
    expect((await fr.events(family)).find(([n]) => n === 'redetermination-due')?.[1]).toMatchObject({ dueOn: '2031-09-04' });
    // Done late on Fri 5 Sep: it meets round 1 (overdue); round 2 keeps its date.
    const late = await fr.redetermined(handle, '2031-09-05');
    expect(late.ab429).toMatchObject({ round: 2, redeterminationDueOn: '2032-03-04', lastRedeterminationOn: '2031-09-05' });
    expect(late.timeline.find((t) => t.kind === 'ab429-redetermination-completed')?.detail).toMatchObject({ metRound: 1 });
    await fr.fact(handle, { kind: 'case-closed', closedOn: '2031-09-06' });
    await fr.until(handle, 'closed', (v) => v.status === 'closed');
  }, 180_000);
});
