import { deadlineOverdueEvent, supportiveServiceChangedEvent, wtwPlanSignedEvent } from '@linkages/shared-contracts';
import { principal, startPlanApi, statusOf, type PlanApi } from './plan-api.spec-helper';

const uuid = () => globalThis.crypto.randomUUID();
const cws = { principal: principal('cws'), correlationId: 'it-cws' };
const ew = { principal: principal('calworks'), correlationId: 'it-ew' };
const otherCounty = { principal: principal('calworks', 'ew-elsewhere', '06037'), correlationId: 'it-other' };

// Issue 13, Deliver 5 and 2 against the real PostgreSQL: CalWORKs' WTW plan by its event, child welfare's court-ordered
// treatment by its staff, the conflicts flagged once with their reasons, WTW-count candidates decided by a worker,
// and CWS details reaching CalWORKs staff only under a recorded consent.
describe('coordinated plan and authorities (real PostgreSQL, time-skipping server)', () => {
  let api: PlanApi;
  const auId = uuid();
  const participantId = uuid();
  const planId = uuid();
  const wtwActivityId = uuid();
  let familyId: string;
  let sudId: string;
  let planEventId: string;

  beforeAll(async () => {
    api = await startPlanApi();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  const signPlan = (id?: string) =>
    api.deliver(
      wtwPlanSignedEvent,
      {
        planId,
        participantId,
        auId,
        familyId: auId,
        signedOn: '2027-03-01',
        activities: [
          {
            activityId: wtwActivityId,
            type: 'job-search',
            weeklyHours: 30,
            startsOn: '2027-03-01',
            slots: [{ day: 'tue', start: '09:00', end: '15:00' }],
            requiresChildCare: true,
          },
        ],
      },
      id,
    );

  it("puts CalWORKs' signed WTW plan in the shared family's plan and timeline", async () => {
    const event = await signPlan();
    planEventId = event.id;
    familyId = (await api.familyOfAu(auId)) as string;
    expect(familyId).toBeDefined();
    const plan = await api.readPlan.execute(ew, familyId);
    expect(plan.activities).toEqual([
      expect.objectContaining({
        agency: 'calworks',
        source: 'event',
        kind: 'wtw-activity',
        typeCode: 'job-search',
        weeklyHours: 30,
        personRecordId: participantId,
      }),
    ]);
    // Only the WTW activity: child care is missing already.
    expect(plan.conflicts.map((c) => c.code)).toEqual(['no-child-care']);
  });

  it('flags each conflict of a court-ordered treatment entered by child welfare once, with its reason, and publishes it', async () => {
    const plan = await api.addActivity.execute(cws, familyId, {
      kind: 'court-ordered-service',
      personRecordId: participantId,
      typeCode: 'substance-use-treatment',
      title: 'Outpatient SUD treatment, 3 sessions a week',
      weeklyHours: 9,
      slots: [{ day: 'tue', start: '13:00', end: '16:00' }],
      startsOn: '2027-03-08',
      requiresChildCare: false,
      requiresTransport: false,
    });
    sudId = plan.activities.find((a) => a.kind === 'court-ordered-service')?.id as string;
    expect(plan.conflicts.map((c) => c.code).sort()).toEqual(['no-child-care', 'no-time-for-court-ordered', 'overlapping-appointments']);
    expect(plan.conflicts.find((c) => c.code === 'no-time-for-court-ordered')?.reason).toContain('41 h a week');
    const flagged = (await api.events(familyId)).filter(([t]) => t === 'plan-conflict-flagged');
    expect(flagged.map(([, e]) => e['code']).sort()).toEqual(['no-child-care', 'no-time-for-court-ordered', 'overlapping-appointments']);
    // Keys and codes only leave referrals: no CWS service type or title in the events.
    expect(JSON.stringify(flagged)).not.toMatch(/substance|SUD/i);

    // The same WTW event redelivered, and the plan re-evaluated by a new change: nothing flagged twice.
    await signPlan(planEventId);
    await api.recordCircumstances.execute(ew, familyId, {
      personRecordId: participantId,
      hasVehicle: true,
      hasLicence: true,
      transitAccess: false,
      childCareArranged: false,
    });
    expect((await api.events(familyId)).filter(([t]) => t === 'plan-conflict-flagged')).toHaveLength(3);
    expect(
      (await api.ds.query(`SELECT count(*)::int AS n FROM "${api.schema}".plan_conflicts WHERE family_id = $1`, [familyId]))[0].n,
    ).toBe(3);
  });

  it('resolves the missing child care when CalWORKs puts a child-care service in place', async () => {
    await api.deliver(supportiveServiceChangedEvent, {
      serviceId: uuid(),
      participantId,
      auId,
      familyId: auId,
      type: 'child-care',
      status: 'in-place',
      inPlaceOn: '2027-03-01',
      changedOn: '2027-03-02',
    });
    const plan = await api.readPlan.execute(ew, familyId);
    const open = plan.conflicts.filter((c) => c.resolvedAt === null).map((c) => c.code);
    expect(open.sort()).toEqual(['no-time-for-court-ordered', 'overlapping-appointments']);
    expect(plan.conflicts.find((c) => c.code === 'no-child-care')?.resolvedAt).not.toBeNull();
  });

  it('shows CalWORKs a CWS service as busy time without what it is, and the details only under a recorded consent', async () => {
    const without = await api.readPlan.execute(ew, familyId);
    const sud = without.activities.find((a) => a.id === sudId);
    expect(sud).toMatchObject({ kind: 'court-ordered-service', weeklyHours: 9, slots: [{ day: 'tue', start: '13:00', end: '16:00' }] });
    expect(sud).not.toHaveProperty('typeCode');
    expect(sud).not.toHaveProperty('title');
    expect(without.disclosure.basis).toBe('wic-10850');
    // Child welfare sees its own record whole.
    expect((await api.readPlan.execute(cws, familyId)).activities.find((a) => a.id === sudId)).toMatchObject({
      typeCode: 'substance-use-treatment',
    });

    const consent = await api.recordConsent.executeOnFamily(cws, familyId, {
      kind: 'consent',
      signedOn: '2026-11-01',
      expiresOn: '2099-12-31',
      categories: ['detail'],
      reference: 'SCD 1029 #it',
    });
    expect(consent).toMatchObject({ familyId, referralId: null, kind: 'consent', active: true, endedReason: null });
    const withConsent = await api.readPlan.execute(ew, familyId);
    expect(withConsent.disclosure).toMatchObject({ basis: 'consent', authorityIds: [consent.id] });
    expect(withConsent.activities.find((a) => a.id === sudId)).toMatchObject({
      typeCode: 'substance-use-treatment',
      title: expect.any(String),
    });
    const shares = await api.audits(`record_type = 'coordinated-plan' AND actor_subject = $1 AND action = 'share'`, [ew.principal.subject]);
    expect(shares.at(-1)).toMatchObject({ outcome: 'allowed', authority: `consent:${consent.id}` });

    // Revoked: the row, the event, and the details gone from the next read; a second revocation changes nothing.
    const revoked = await api.revoke.executeOnFamily(cws, familyId, consent.id, 'family withdrew consent');
    expect(revoked).toMatchObject({ active: false, endedReason: 'revoked', revokedAt: expect.any(String) });
    expect((await api.events(familyId)).filter(([t]) => t === 'sharing-authority-ended').map(([, e]) => e['reason'])).toEqual(['revoked']);
    expect(await statusOf(api.revoke.executeOnFamily(cws, familyId, consent.id, 'again'))).toBe(409);
    expect((await api.readPlan.execute(ew, familyId)).activities.find((a) => a.id === sudId)).not.toHaveProperty('typeCode');
    const listed = await api.listAuthorities.executeOnFamily(cws, familyId);
    expect(listed.map((a) => [a.id, a.endedReason])).toEqual([[consent.id, 'revoked']]);
  }, 60_000);

  it('an MDT membership widens the view for its members only, with its window tracked as a clock on the timeline', async () => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
    const mdt = await api.recordMdt.executeOnFamily(cws, familyId, {
      kind: 'mdt',
      reportReceivedOn: today,
      memberSubjects: [ew.principal.subject],
      reference: 'MDT protocol 2026-12',
    });
    expect(mdt).toMatchObject({ kind: 'mdt', active: true, memberSubjects: [ew.principal.subject] });
    expect(mdt.basis).toContain('30');
    expect((await api.readPlan.execute(ew, familyId)).disclosure).toMatchObject({ basis: 'mdt', authorityIds: [mdt.id] });
    const notMember = { principal: principal('calworks', 'ew-2'), correlationId: 'it-ew2' };
    expect((await api.readPlan.execute(notMember, familyId)).disclosure.basis).toBe('wic-10850');
    const timeline = await api.timeline.execute(ew, familyId);
    expect(timeline.clocks).toEqual([
      expect.objectContaining({ ruleId: 'linkages.mdt-information-window', purpose: 'mdt-window', subject: `sharing-authority/${mdt.id}` }),
    ]);
    // Ended by staff: its clock is cancelled with it.
    await api.revoke.executeOnFamily(cws, familyId, mdt.id, 'MDT closed the case');
    expect((await api.readPlan.execute(ew, familyId)).disclosure.basis).toBe('wic-10850');
    expect(await api.ds.query(`SELECT status FROM "${api.schema}".tracked_deadlines WHERE subject_id = $1`, [mdt.id])).toEqual([
      { status: 'cancelled' },
    ]);
  }, 60_000);

  it('marks countable CWS activities as WTW candidates; only a CalWORKs worker decides, once', async () => {
    const plan = await api.readPlan.execute(ew, familyId);
    expect(plan.wtwCandidates).toEqual([sudId]);
    expect(plan.activities.find((a) => a.id === sudId)?.wtwCount).toBe('candidate');
    expect(await statusOf(api.decideWtwCount.execute(cws, familyId, sudId, { decision: 'confirmed' }))).toBe(409);
    const wtwActivity = plan.activities.find((a) => a.kind === 'wtw-activity')?.id as string;
    expect(await statusOf(api.decideWtwCount.execute(ew, familyId, wtwActivity, { decision: 'confirmed' }))).toBe(409);
    const decided = await api.decideWtwCount.execute(ew, familyId, sudId, { decision: 'confirmed' });
    expect(decided.activities.find((a) => a.id === sudId)?.wtwCount).toBe('confirmed');
    expect(decided.wtwCandidates).toEqual([]);
    expect(await statusOf(api.decideWtwCount.execute(ew, familyId, sudId, { decision: 'rejected' }))).toBe(409);
    expect((await api.readPlan.execute(ew, familyId)).activities.find((a) => a.id === sudId)?.wtwCount).toBe('confirmed');
  });

  it("refuses an activity entered by the other agency, and another county's family is absent (audited)", async () => {
    const before = await api.ds.query(`SELECT count(*)::int AS n FROM "${api.schema}".plan_activities`);
    expect(
      await statusOf(
        api.addActivity.execute(ew, familyId, {
          kind: 'court-ordered-service',
          personRecordId: participantId,
          typeCode: 'parenting-education',
          weeklyHours: 2,
          slots: [],
          startsOn: '2027-03-08',
          requiresChildCare: false,
          requiresTransport: false,
        }),
      ),
    ).toBe(409);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM "${api.schema}".plan_activities`)).toEqual(before);
    expect(await statusOf(api.readPlan.execute(otherCounty, familyId))).toBe(404);
    expect(await statusOf(api.timeline.execute(otherCounty, familyId))).toBe(404);
    const denied = await api.audits(`record_id = $1 AND outcome = 'denied'`, [familyId]);
    expect(denied.map((d) => [d.actor_subject, d.purpose])).toEqual([
      ['ew-elsewhere', 'view coordinated plan'],
      ['ew-elsewhere', 'view family timeline'],
    ]);
  });

  it("orders the family's timeline by when each fact happened, then by seq, with the agencies' deadlines, audited as a share", async () => {
    const overdue = (family: string) => ({
      deadlineId: uuid(),
      familyId: family,
      ruleId: 'calworks.wtw.good-cause-determination',
      citation: 'MPP 42-721',
      subjectRef: `episode/${uuid()}`,
      ownerService: 'calworks' as const,
      dueAt: '2027-03-04T23:59:59.999-08:00',
      overdueSince: '2027-03-05T00:00:00.000-08:00',
      escalationLevel: 1,
    });
    // A CalWORKs clock of the AU reaches the shared family; one of an AU referrals does not know is not Linkages'.
    await api.deliver(deadlineOverdueEvent, overdue(auId));
    await api.deliver(deadlineOverdueEvent, overdue(uuid()));
    const timeline = await api.timeline.execute(ew, familyId);
    expect(timeline.entries.map((e) => [e.kind, e.agency, e.label])).toEqual([
      ['wtw-plan-signed', 'calworks', 'WTW plan signed (1 activities)'],
      ['supportive-service-changed', 'calworks', 'Supportive service child-care in-place'],
      ['deadline-overdue', 'calworks', 'Deadline overdue: calworks.wtw.good-cause-determination'],
    ]);
    expect(timeline.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    const shares = await api.audits(`record_type = 'family-timeline' AND action = 'share'`, []);
    expect(shares.map((a) => a.authority)).toEqual([expect.stringMatching(/^mdt:/), 'wic-10850']);
  });
});
