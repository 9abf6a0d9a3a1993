import { deadlineViewQuery } from '@linkages/platform-deadline-workflows';
import { waitFor } from '@linkages/platform-testing';
import { createFrHarness, type FrHarness } from './fr-aid-window.harness.spec-helper';

// The FR aid process at its real durations in the time-skipping test server, dates worked out by hand (RULES.md 4:
// one full calendar month of temporary absence, then six full calendar months from the grant, a prorated first
// month not counted, no extension, a new window per removal). Scenarios run in chronological order on one server;
// the process's state is read by its query (a client's result() would let the server skip time on its own).
const uuid = () => globalThis.crypto.randomUUID();
const family = uuid();
const kase = uuid();

describe('FR aid process calworks/fr-aid-window/<removalId> (time-skipping server, hand-computed dates)', () => {
  let fr: FrHarness;
  beforeAll(async () => {
    fr = await createFrHarness();
  }, 180_000);
  afterAll(async () => {
    await fr?.close();
  });

  it('recommendation missing as the absence month ends → escalated; granted mid-month Wed 12 May 2027 → Tue 30 Nov 2027', async () => {
    // Removal Mon 15 Mar 2027: March prorated, April is the full month of temporary absence → Fri 30 Apr 2027.
    await fr.h.travelTo('2027-03-15T10:05:00-07:00');
    const { removalId, handle } = await fr.removed({ familyId: family, caseId: kase, removedAt: '2027-03-15T10:00:00-07:00' });
    const started = await fr.until(handle, 'temporary absence', (v) => v.temporaryAbsence !== undefined);
    expect(started.temporaryAbsence).toMatchObject({ endsOn: '2027-04-30', dueAt: '2027-04-30T23:59:59.999-07:00', ended: false });
    await fr.confirm(handle);

    // The month ends with no plan recommending cash aid: the follow-up clock opens and its ladder escalates.
    await fr.h.travelTo('2027-05-01T09:00:00-07:00');
    const waiting = await fr.until(handle, 'escalation', (v) => v.recommendationEscalatedAt !== undefined);
    expect(waiting.status).toBe('awaiting-recommendation');
    const followUp = fr.clocks.deadlineIdOf(removalId, 'cash-aid-recommendation');
    expect(followUp).toBeDefined();
    await fr.h.travelTo('2027-05-05T12:00:00-07:00');
    expect((await fr.h.events(followUp ?? '')).map((e) => e.type)).toContain('deadline-overdue');

    // Child welfare's plan recommending cash aid, Wed 12 May 2027: the grant date (after the absence month). May is
    // prorated and not counted; Jun (1) … Nov (6) → Tue 30 Nov 2027.
    await fr.h.travelTo('2027-05-12T11:00:00-07:00');
    const planId = uuid();
    await fr.fact(handle, {
      kind: 'case-plan-filed',
      casePlanId: planId,
      filedOn: '2027-05-12',
      planKind: 'initial',
      recommendsCashAid: true,
      recommendsAb429Services: false,
    });
    const open = await fr.until(handle, 'window', (v) => v.window !== undefined);
    expect(open.status).toBe('window-open');
    expect(open.window).toMatchObject({ startsOn: '2027-05-12', endsOn: '2027-11-30' });
    expect(open.window?.because.join(' ')).toContain('prorated');
    const windowClock = fr.clocks.deadlineIdOf(removalId, 'ab135-window');
    const explained = await fr.h.env.client.workflow.getHandle(`calworks/deadline/${windowClock}`).query(deadlineViewQuery);
    expect(explained.due.dueDate).toBe('2027-11-30');
    expect(JSON.stringify(explained.due.explanation)).toContain('counted: June 2027 to November 2027');
    expect((await fr.h.events(followUp ?? '')).map((e) => e.type)).toContain('deadline-satisfied');

    // At its end (no extension) the window closes.
    await fr.h.travelTo('2027-12-01T09:00:00-08:00');
    const closed = await fr.until(handle, 'closed', (v) => v.status === 'closed');
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'window-ended' });
    const events = await fr.events(family);
    expect(events.map(([name]) => name)).toEqual([
      'temporary-absence-started',
      'removal-members-confirmed',
      'linkages-priority-flagged',
      'fr-aid-window-opened',
      'fr-aid-window-closed',
    ]);
    expect(events[0]?.[1]).toMatchObject({
      removalId,
      startsOn: '2027-03-15',
      endsOn: '2027-04-30',
      ruleId: 'calworks.fr.temporary-absence',
    });
    expect(events[1]?.[1]).toMatchObject({ removalId, familyId: family, removedMemberCount: expect.any(Number) });
    expect(events[3]?.[1]).toMatchObject({ removalId, program: 'ab135-cash-aid', startsOn: '2027-05-12', endsOn: '2027-11-30' });
    expect(events[4]?.[1]).toMatchObject({ removalId, reason: 'six-months-elapsed', closedOn: '2027-11-30' });
  }, 180_000);

  let secondWindowId: string | undefined;

  it('granted on the 1st, Tue 1 Feb 2028 → Mon 31 Jul 2028; a trial home visit keeps it; the return home in month 4 closes it', async () => {
    // Removal Wed 15 Dec 2027 → December prorated, January the absence month → Mon 31 Jan 2028. The plan recommending
    // cash aid comes during it (Mon 10 Jan 2028), so the grant is the day after the absence month: Tue 1 Feb 2028,
    // the first of six full months: Feb (1) … Jul (6) → Mon 31 Jul 2028.
    await fr.h.travelTo('2027-12-15T10:05:00-08:00');
    const { handle } = await fr.removed({ familyId: family, caseId: kase, removedAt: '2027-12-15T10:00:00-08:00' });
    await fr.until(handle, 'temporary absence', (v) => v.temporaryAbsence?.endsOn === '2028-01-31');
    await fr.confirm(handle);
    await fr.h.travelTo('2028-01-10T10:00:00-08:00');
    await fr.fact(handle, {
      kind: 'case-plan-filed',
      casePlanId: uuid(),
      filedOn: '2028-01-10',
      planKind: 'initial',
      recommendsCashAid: true,
      recommendsAb429Services: false,
    });
    await fr.h.travelTo('2028-02-01T09:00:00-08:00');
    const open = await fr.until(handle, 'window', (v) => v.window !== undefined);
    expect(open.window).toMatchObject({ startsOn: '2028-02-01', endsOn: '2028-07-31' });
    expect(open.recommendationEscalatedAt).toBeUndefined();
    secondWindowId = open.window?.windowId;

    await fr.h.travelTo('2028-04-10T10:00:00-07:00');
    await fr.fact(handle, { kind: 'child-reunified', childId: uuid(), returnedOn: '2028-04-10', trialHomeVisit: true });
    await fr.until(handle, 'trial home visit kept', (v) => v.timeline.some((t) => t.kind === 'fact-kept-window'));
    // Month 4 of the window (Feb, Mar, Apr, May): the child returns home on Sat 20 May 2028.
    await fr.h.travelTo('2028-05-20T10:00:00-07:00');
    await fr.fact(handle, { kind: 'child-reunified', childId: uuid(), returnedOn: '2028-05-20', trialHomeVisit: false });
    const closed = await fr.until(handle, 'closed', (v) => v.status === 'closed');
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'returned-home' });
    expect(closed.window).toMatchObject({ closedOn: '2028-05-20', closeReason: 'returned-home' });
    const tail = (await fr.events(family)).slice(-2);
    expect(tail).toEqual([
      [
        'fr-aid-window-closed',
        expect.objectContaining({ windowId: secondWindowId, reason: 'child-returned-home', closedOn: '2028-05-20' }),
      ],
      ['redetermination-due', expect.objectContaining({ kind: 'return-home-redetermination', dueOn: '2028-05-20' })],
    ]);
  }, 180_000);

  it('a second removal opens a new window; a second plan for the same removal is refused with its reason', async () => {
    // Removal Sat 10 Jun 2028: June prorated, July the absence month → Mon 31 Jul 2028; the plan (Tue 20 Jun) comes
    // during it → grant Tue 1 Aug 2028: Aug (1) … Jan (6) → Wed 31 Jan 2029.
    await fr.h.travelTo('2028-06-10T10:05:00-07:00');
    const { removalId, handle } = await fr.removed({ familyId: family, caseId: kase, removedAt: '2028-06-10T10:00:00-07:00' });
    await fr.until(handle, 'temporary absence', (v) => v.temporaryAbsence?.endsOn === '2028-07-31');
    await fr.confirm(handle);
    await fr.h.travelTo('2028-06-20T10:00:00-07:00');
    const plan = {
      kind: 'case-plan-filed',
      casePlanId: uuid(),
      planKind: 'initial',
      recommendsCashAid: true,
      recommendsAb429Services: false,
    } as const;
    await fr.fact(handle, { ...plan, filedOn: '2028-06-20' });
    await fr.h.travelTo('2028-08-01T09:00:00-07:00');
    const open = await fr.until(handle, 'window', (v) => v.window !== undefined);
    expect(open.window).toMatchObject({ startsOn: '2028-08-01', endsOn: '2029-01-31' });
    expect(open.window?.windowId).not.toBe(secondWindowId);

    // An amended plan recommending cash aid again: no second window for this removal (no extension).
    await fr.h.travelTo('2028-09-05T10:00:00-07:00');
    await fr.fact(handle, { ...plan, casePlanId: uuid(), planKind: 'update', filedOn: '2028-09-05' });
    const refused = await fr.until(handle, 'refusal', (v) => v.refusals.length > 0);
    expect(refused.refusals[0]).toMatchObject({ code: 'window-already-granted-for-removal' });
    expect(refused.window).toEqual(open.window);
    // The workflow's state has the refusal before its activity has recorded it on the removal's row: wait for the row.
    const recorded = await waitFor(
      async () => {
        const [row] = (await fr.ds.query(`SELECT refusals FROM "${fr.schema}".fr_removals WHERE removal_id = $1`, [removalId])) as {
          refusals: { code: string }[];
        }[];
        return row && row.refusals.length > 0 ? row.refusals.map((r) => r.code) : undefined;
      },
      { timeoutMs: 15_000, what: 'the refusal on the removal row' },
    );
    expect(recorded).toEqual(['window-already-granted-for-removal']);

    // A redelivered event (same id) is ignored; the case closing ends the process.
    await fr.fact(handle, { kind: 'case-closed', closedOn: '2028-09-06' }, '55555555-5555-4555-8555-555555555555');
    await fr.fact(handle, { kind: 'case-closed', closedOn: '2028-09-06' }, '55555555-5555-4555-8555-555555555555');
    const closed = await fr.until(handle, 'closed', (v) => v.status === 'closed');
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'case-closed' });
    expect((await fr.events(family)).filter(([n, p]) => n === 'fr-aid-window-closed' && p['removalId'] === removalId)).toHaveLength(1);
  }, 180_000);
});
