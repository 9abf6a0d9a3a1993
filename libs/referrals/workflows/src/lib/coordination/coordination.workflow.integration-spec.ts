import { WorkflowUpdateFailedError } from '@temporalio/client';
import { waitFor } from '@linkages/platform-testing';
import { createCoordinationHarness, type CoordinationHarness } from './coordination.harness.spec-helper';
import { coordinationViewQuery, mergedIntoSignal } from './coordination.messages';

const uuid = () => globalThis.crypto.randomUUID();
type Handle = Parameters<CoordinationHarness['view']>[0];

/**
 * The coordination process of a shared family in the time-skipping test server at real durations, on the county
 * calendar (Santa Clara, 06085): its tasks are real deadline workflows that signal it; rows and events land in
 * PostgreSQL. Chronological: the test server's clock only moves forward.
 */
describe('coordination process (time-skipping, real clocks)', () => {
  let c: CoordinationHarness;
  beforeAll(async () => {
    c = await createCoordinationHarness();
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });
  /** Closes what a scenario left open, so its clocks stop firing while later scenarios move the clock on. */
  const closeOpen = async (handle: Handle) => {
    for (const t of (await c.view(handle)).tasks)
      if (t.status === 'open' || t.status === 'overdue') await c.outcome(handle, t.taskId, 'not-needed');
  };

  it('removal Wed 24 Nov 2027 in an aided family: the CalWORKs worker contacts the CSW by Wed 1 Dec (Thanksgiving and the day after skipped); the AU change by Mon 29 Nov', async () => {
    // 3 business days on the county calendar: Thu 25 Nov (Thanksgiving) and Fri 26 Nov (the day after, a county
    // holiday) are closed, Sat 27 and Sun 28 the weekend → Mon 29 (1), Tue 30 (2), Wed 1 Dec (3).
    await c.h.travelTo('2027-11-24T10:05:00-08:00');
    const familyId = uuid();
    const removalId = uuid();
    const caseId = uuid();
    const handle = await c.fact(familyId, {
      kind: 'child-removed',
      removalId,
      caseId,
      removedAt: '2027-11-24T10:00:00-08:00',
      knownToCalworks: true,
    });
    const v = await c.until(handle, 'hand-off tasks', (x) => x.tasks.length === 2 && x.tasks.every((t) => t.dueAt !== null));
    const contact = v.tasks.find((t) => t.code === 'worker-contacts-csw');
    const au = v.tasks.find((t) => t.code === 'au-change');
    expect(contact).toMatchObject({
      status: 'open',
      ruleId: 'linkages.fr-worker-contacts-csw',
      subject: { type: 'removal', id: removalId },
    });
    expect(new Date(contact?.dueAt ?? '').toISOString()).toBe(new Date('2027-12-01T23:59:59.999-08:00').toISOString());
    expect(new Date(au?.dueAt ?? '').toISOString()).toBe(new Date('2027-11-29T23:59:59.999-08:00').toISOString());
    const clock = await c.clock(removalId, 'fr-worker-contacts-csw');
    expect(clock?.due.dueAt).toBe('2027-12-01T23:59:59.999-08:00');
    expect(clock?.due.explanation.summary).toContain('LA DCFS 1200-500.80');
    expect(clock?.due.explanation.summary).toMatch(/Thanksgiving/);

    // CalWORKs confirms the AU members on Fri 26 Nov: the AU change is made, its clock met.
    await c.h.travelTo('2027-11-26T11:00:00-08:00');
    await c.fact(familyId, { kind: 'removal-members-confirmed', removalId, auId: uuid(), confirmedAt: '2027-11-26T10:30:00-08:00' });
    await c.until(handle, 'AU change done', (x) => x.tasks.some((t) => t.code === 'au-change' && t.status === 'done'));
    expect((await c.clock(removalId, 'au-change'))?.state.status).toBe('satisfied');

    // Nobody recorded the contact: a second before the end of Wed 1 Dec it is open, right after it is overdue.
    await c.h.travelTo('2027-12-01T23:59:58-08:00');
    expect((await c.view(handle)).tasks.find((t) => t.code === 'worker-contacts-csw')?.status).toBe('open');
    await c.h.travelTo('2027-12-02T00:00:30-08:00');
    await c.until(handle, 'contact overdue', (x) => x.tasks.some((t) => t.code === 'worker-contacts-csw' && t.status === 'overdue'));

    // Recorded late, it is done (the clock says late); every change was an event keyed by the Linkages family id.
    const late = await c.outcome(handle, contact?.taskId ?? '', 'done', '2027-12-02T09:00:00-08:00');
    expect(late.tasks.find((t) => t.code === 'worker-contacts-csw')).toMatchObject({ status: 'done', outcome: 'done' });
    expect((await c.clock(removalId, 'fr-worker-contacts-csw'))?.state.satisfied?.late).toBe(true);
    const events = (await c.events(familyId))
      .filter(([name]) => name === 'coordination-task-changed')
      .map(([, p]) => [p['task'], p['status']]);
    expect(events).toEqual([
      ['worker-contacts-csw', 'opened'],
      ['au-change', 'opened'],
      ['au-change', 'done'],
      ['worker-contacts-csw', 'overdue'],
      ['worker-contacts-csw', 'done'],
    ]);
    const opened = (await c.events(familyId)).find(
      ([name, p]) => name === 'coordination-task-changed' && p['task'] === 'worker-contacts-csw',
    );
    expect(opened?.[1]).toMatchObject({ familyId, ruleId: 'linkages.fr-worker-contacts-csw', dueAt: '2027-12-01T23:59:59.999-08:00' });
    const rows = (await c.ds.query(`SELECT code, status FROM "${c.schema}".coordination_tasks WHERE family_id = $1 ORDER BY code`, [
      familyId,
    ])) as {
      code: string;
      status: string;
    }[];
    expect(rows).toEqual([
      { code: 'au-change', status: 'done' },
      { code: 'worker-contacts-csw', status: 'done' },
    ]);
    // A closed task refuses another outcome and changes nothing.
    await expect(c.outcome(handle, contact?.taskId ?? '')).rejects.toThrow(WorkflowUpdateFailedError);
  }, 180_000);

  it('ER + CalWORKs: the accepted referral on an aided AU with open noncompliance opens the whole checklist; a redelivered event opens nothing more', async () => {
    await c.h.travelTo('2027-12-06T09:05:00-08:00');
    const familyId = uuid();
    const referralId = uuid();
    const first = await c.fact(familyId, { kind: 'noncompliance-started', episodeId: uuid(), noticeIssuedOn: '2027-12-01' });
    const eventId = uuid();
    const accepted = { kind: 'referral-accepted', referralId, acceptedAt: '2027-12-06T09:00:00-08:00', knownToCalworks: true } as const;
    await c.fact(familyId, accepted, { eventId });
    await c.fact(familyId, accepted, { eventId });
    const v = await c.until(first, 'checklist', (x) => x.tasks.length === 6 && x.tasks.every((t) => t.dueAt !== null));
    expect(v.tasks.map((t) => t.code)).toEqual([
      'check-sanction',
      'resolve-sanction',
      'refer-mental-health',
      'refer-domestic-violence',
      'refer-substance-use',
      'connect-housing',
    ]);
    // 1 business day from Mon 6 Dec → Tue 7 Dec; 5 → Mon 13 Dec.
    expect(new Date(v.tasks[0]?.dueAt ?? '').toISOString()).toBe(new Date('2027-12-07T23:59:59.999-08:00').toISOString());
    expect(new Date(v.tasks[2]?.dueAt ?? '').toISOString()).toBe(new Date('2027-12-13T23:59:59.999-08:00').toISOString());
    expect(v.enrollment).toMatchObject({ strategy: 'intervention-er', caseStage: 'er' });
    const done = await c.outcome(first, v.tasks[0]?.taskId ?? '');
    expect(done.tasks[0]).toMatchObject({ code: 'check-sanction', status: 'done' });
    await c.outcome(first, v.tasks[3]?.taskId ?? '', 'not-needed');
    const enrolled = (await c.events(familyId)).filter(([name]) => name === 'strategy-enrolled');
    expect(enrolled.map(([, p]) => [p['strategy'], p['caseStage'], p['reasons']])).toEqual([
      ['intervention-er', 'er', ['er-referral-accepted', 'calworks-aided']],
    ]);
    expect((await c.clock(referralId, 'check-sanction'))?.state.status).toBe('satisfied');
    await closeOpen(first);
  }, 180_000);

  it('FR case opened: the joint case-planning meeting is met by a CFT meeting with the CalWORKs worker invited (not by one without); the enrollment moves ER → FR', async () => {
    await c.h.travelTo('2027-12-08T09:05:00-08:00');
    const familyId = uuid();
    const caseId = uuid();
    const handle = await c.fact(familyId, {
      kind: 'referral-accepted',
      referralId: uuid(),
      acceptedAt: '2027-12-08T09:00:00-08:00',
      knownToCalworks: true,
    });
    await c.until(handle, 'ER', (x) => x.enrollment?.strategy === 'intervention-er' && x.tasks.length === 5);
    await closeOpen(handle);
    await c.fact(familyId, {
      kind: 'case-opened',
      caseId,
      caseType: 'family-reunification',
      openedOn: '2027-12-10',
      knownToCalworks: true,
    });
    const opened = await c.until(handle, 'joint task', (x) =>
      x.tasks.some((t) => t.code === 'joint-case-planning-meeting' && t.dueAt !== null),
    );
    const joint = opened.tasks.find((t) => t.code === 'joint-case-planning-meeting');
    // 30 calendar days from Fri 10 Dec 2027 → Sun 9 Jan 2028, closed → Mon 10 Jan.
    expect(new Date(joint?.dueAt ?? '').toISOString()).toBe(new Date('2028-01-10T23:59:59.999-08:00').toISOString());
    expect(opened.enrollment).toMatchObject({ strategy: 'intervention-fr', caseStage: 'fr' });
    await c.h.travelTo('2027-12-20T12:00:00-08:00');
    await c.fact(familyId, { kind: 'cft-meeting-held', meetingId: uuid(), caseId, heldOn: '2027-12-17', calworksWorkerInvited: false });
    await c.fact(familyId, { kind: 'cft-meeting-held', meetingId: uuid(), caseId, heldOn: '2027-12-20', calworksWorkerInvited: true });
    const met = await c.until(handle, 'joint met', (x) =>
      x.tasks.some((t) => t.code === 'joint-case-planning-meeting' && t.status === 'done'),
    );
    expect(met.meetings.map((m) => m.calworksWorkerInvited)).toEqual([false, true]);
    expect((await c.clock(caseId, 'joint-case-planning-meeting'))?.state.satisfied?.late).toBe(false);
    const rows = (await c.ds.query(
      `SELECT strategy, case_stage, ended_at IS NOT NULL AS ended, superseded_by IS NOT NULL AS superseded FROM "${c.schema}".enrollments WHERE family_id = $1 ORDER BY started_at`,
      [familyId],
    )) as { strategy: string; case_stage: string; ended: boolean; superseded: boolean }[];
    expect(rows).toEqual([
      { strategy: 'intervention-er', case_stage: 'er', ended: true, superseded: true },
      { strategy: 'intervention-fr', case_stage: 'fr', ended: false, superseded: false },
    ]);
    const meetings = (await c.ds.query(`SELECT kind, calworks_worker_invited FROM "${c.schema}".joint_meetings WHERE family_id = $1`, [
      familyId,
    ])) as unknown[];
    expect(meetings).toHaveLength(2);
    await closeOpen(handle);
  }, 180_000);

  it('shared families merge: the absorbed process ends its enrollment, hands its tasks to the survivor’s (started by it) and forwards their clocks', async () => {
    await c.h.travelTo('2027-12-20T12:05:00-08:00');
    const absorbedId = uuid();
    const removalId = uuid();
    const caseId = uuid();
    const removed = { kind: 'child-removed', removalId, caseId, removedAt: '2027-12-20T12:00:00-08:00', knownToCalworks: true } as const;
    const opened = {
      kind: 'case-opened',
      caseId,
      caseType: 'family-reunification',
      openedOn: '2027-12-20',
      knownToCalworks: true,
    } as const;
    const removedEvent = uuid();
    const openedEvent = uuid();
    const absorbed = await c.fact(absorbedId, removed, { eventId: removedEvent });
    await c.fact(absorbedId, opened, { eventId: openedEvent });
    const before = await c.until(absorbed, 'three tasks', (x) => x.tasks.length === 3 && x.tasks.every((t) => t.dueAt !== null));
    expect(before.enrollment).toMatchObject({ strategy: 'intervention-fr' });

    // The survivor's timeline holds both families' facts after the merge (the linker moved the absorbed entries).
    const survivorId = await c.ds.transaction(async (tx) => {
      const id = (await c.families.resolve(tx, '06085', { kind: 'cws-family', id: uuid() })).familyId;
      for (const [eventId, fact] of [
        [removedEvent, removed],
        [openedEvent, opened],
      ] as const)
        await c.families.appendTimeline(tx, id, {
          eventId,
          eventType: `gov.ca.linkages.cws.${fact.kind}.v1`,
          agency: 'cws',
          occurredAt: '2027-12-20T12:00:00-08:00',
          subject: `test/${eventId}`,
          entry: { kind: fact.kind, label: fact.kind, coordination: { fact, starts: true } },
        });
      return id;
    });
    const merge = uuid();
    await absorbed.signal(mergedIntoSignal, { eventId: merge, survivorFamilyId: survivorId });
    const survivor = c.h.env.client.workflow.getHandle(`referrals/coordination/${survivorId}`);
    const after = await waitFor(
      async () => {
        const v = await survivor.query(coordinationViewQuery).catch(() => undefined);
        return v && v.tasks.length === 3 ? v : undefined;
      },
      { what: 'survivor holds the tasks', timeoutMs: 30_000 },
    );
    // The same tasks (ids), none derived twice from the replayed facts; the survivor is enrolled, the absorbed is not.
    expect(after.tasks.map((t) => t.taskId).sort()).toEqual(before.tasks.map((t) => t.taskId).sort());
    expect(after.enrollment).toMatchObject({ strategy: 'intervention-fr' });
    const left = await c.until(absorbed, 'absorbed emptied', (x) => x.tasks.length === 0 && x.enrollment === null);
    expect(left.meetings).toEqual([]);
    const rows = (await c.ds.query(`SELECT DISTINCT family_id FROM "${c.schema}".coordination_tasks WHERE subject_id = ANY($1)`, [
      [removalId, caseId],
    ])) as { family_id: string }[];
    expect(rows.map((r) => r.family_id)).toEqual([survivorId]);
    const enrollments = (await c.ds.query(`SELECT family_id, ended_at FROM "${c.schema}".enrollments WHERE family_id = $1`, [
      absorbedId,
    ])) as {
      ended_at: Date | null;
    }[];
    expect(enrollments.length).toBeGreaterThan(0);
    expect(enrollments.every((e) => e.ended_at !== null)).toBe(true);

    // The AU change is due by the end of Tue 21 Dec: its clock notifies the absorbed process, which forwards it.
    await c.h.travelTo('2027-12-22T00:00:30-08:00');
    await waitFor(
      async () => {
        const v = await survivor.query(coordinationViewQuery);
        return v.tasks.some((t) => t.code === 'au-change' && t.status === 'overdue') ? v : undefined;
      },
      { what: 'forwarded due clock', timeoutMs: 30_000 },
    );
    expect(
      (await c.events(survivorId))
        .filter(([n, p]) => n === 'coordination-task-changed' && p['task'] === 'au-change')
        .map(([, p]) => p['status']),
    ).toEqual(['overdue']);
    const v = await survivor.query(coordinationViewQuery);
    for (const t of v.tasks) if (t.status === 'open' || t.status === 'overdue') await c.outcome(survivor as never, t.taskId, 'not-needed');
  }, 180_000);

  it('FM case: a joint meeting recorded over HTTP meets it; a meeting dated in the future is refused and changes nothing', async () => {
    await c.h.travelTo('2027-12-22T09:05:00-08:00');
    const familyId = uuid();
    const caseId = uuid();
    const handle = await c.fact(familyId, {
      kind: 'case-opened',
      caseId,
      caseType: 'family-maintenance-voluntary',
      openedOn: '2027-12-21',
      knownToCalworks: true,
    });
    await c.until(handle, 'joint task', (x) => x.tasks.some((t) => t.code === 'joint-case-planning-meeting'));
    await expect(c.jointMeeting(handle, '2027-12-30', caseId)).rejects.toThrow(WorkflowUpdateFailedError);
    expect((await c.view(handle)).meetings).toEqual([]);
    const v = await c.jointMeeting(handle, '2027-12-21', caseId);
    expect(v.tasks.find((t) => t.code === 'joint-case-planning-meeting')).toMatchObject({ status: 'done', outcome: 'met-by-fact' });
    const withLiaison = await c.liaison(handle, 'dev|linkages-liaison');
    expect(withLiaison.enrollment).toMatchObject({ strategy: 'intervention-fm', liaisonSubject: 'dev|linkages-liaison' });
  }, 180_000);
  // Last: after a continue-as-new the test server may stop skipping time, so no scenario moves the clock after this one.
  it('continues as new after the configured number of facts, carrying its state (tasks, seen event ids, enrollment)', async () => {
    const familyId = uuid();
    const caseId = uuid();
    const removed = {
      kind: 'child-removed',
      removalId: uuid(),
      caseId,
      removedAt: '2027-12-21T08:00:00-08:00',
      knownToCalworks: true,
    } as const;
    const eventId = uuid();
    const handle = await c.fact(familyId, removed, { eventId, continueAfter: 2 });
    const firstRun = (await handle.describe()).runId;
    await c.fact(familyId, {
      kind: 'case-opened',
      caseId,
      caseType: 'family-reunification',
      openedOn: '2027-12-21',
      knownToCalworks: true,
    });
    await c.until(handle, 'three tasks', (x) => x.tasks.length === 3);
    // The redelivered removal after the new run started: still seen, nothing new.
    await c.fact(familyId, removed, { eventId });
    await c.fact(familyId, { kind: 'cft-meeting-held', meetingId: uuid(), caseId, heldOn: '2027-12-21', calworksWorkerInvited: true });
    const v = await c.until(handle, 'met', (x) => x.tasks.some((t) => t.code === 'joint-case-planning-meeting' && t.status === 'done'));
    expect(v.tasks.map((t) => t.code)).toEqual(['worker-contacts-csw', 'au-change', 'joint-case-planning-meeting']);
    expect(v.enrollment).toMatchObject({ strategy: 'intervention-fr' });
    expect((await handle.describe()).runId).not.toBe(firstRun);
  }, 120_000);
});
