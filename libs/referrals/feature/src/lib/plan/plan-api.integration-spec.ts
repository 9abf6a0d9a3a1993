import { DateTime } from 'luxon';
import { deadlineOverdueEvent, supportiveServiceChangedEvent, wtwPlanSignedEvent } from '@linkages/shared-contracts';
import { principal, startPlanApi, statusOf, type PlanApi } from './plan-api.spec-helper';
import type { PlanView } from './plan.view';

const uuid = () => globalThis.crypto.randomUUID();
const cws = { principal: principal('cws'), correlationId: 'it-cws' };
const ew = { principal: principal('calworks'), correlationId: 'it-ew' };
const otherCounty = { principal: principal('calworks', 'ew-elsewhere', '06037'), correlationId: 'it-other' };
/** A consent signed today (county time) running 11 months: inside the county's maximum term (issue 17). */
const consentDates = () => {
  const signed = DateTime.now().setZone('America/Los_Angeles').startOf('day');
  return { signedOn: signed.toISODate() as string, expiresOn: signed.plus({ months: 11 }).toISODate() as string };
};

// Issue 13, Deliver 5 and 2 against the real PostgreSQL: CalWORKs' WTW plan by its event, child welfare's court-ordered
// treatment by its staff, the conflicts flagged once with their reasons, WTW-count candidates decided by a worker,
// and CWS details reaching CalWORKs staff only under a recorded authority covering them: under WIC 10850 alone a CWS
// activity is a schedule block (no kind, type or WTW-count mark) and its conflicts are masked; a consent or MDT
// membership releases details; a substance-use item only a consent naming substance-use records (42 CFR 2.31).
describe('coordinated plan and authorities (real PostgreSQL, time-skipping server)', () => {
  let api: PlanApi;
  const auId = uuid();
  const participantId = uuid();
  const planId = uuid();
  const wtwActivityId = uuid();
  let familyId: string;
  let sudId: string;
  let mhId: string;
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

  /** What a view tells of the CWS activities, without the county's settings (which list the countable types). */
  const told = (plan: PlanView) => JSON.stringify([plan.activities, plan.conflicts, plan.wtwCandidates]);
  const lastShare = async (subject: string) =>
    (await api.audits(`record_type = 'coordinated-plan' AND actor_subject = $1 AND action = 'share'`, [subject])).at(-1);
  const wtwCountOf = async (id: string) =>
    (await api.ds.query(`SELECT wtw_count FROM "${api.schema}".plan_activities WHERE id = $1`, [id]))[0].wtw_count as string | null;

  it('shows CalWORKs under WIC 10850 alone only the CWS schedule blocks: no kind, type or candidate mark; the conflicts on them masked', async () => {
    const added = await api.addActivity.execute(cws, familyId, {
      kind: 'cws-case-plan-activity',
      personRecordId: participantId,
      typeCode: 'mental-health-treatment',
      title: 'Individual counselling',
      weeklyHours: 2,
      slots: [{ day: 'thu', start: '10:00', end: '12:00' }],
      startsOn: '2027-03-08',
      requiresChildCare: false,
      requiresTransport: false,
    });
    mhId = added.activities.find((a) => a.typeCode === 'mental-health-treatment')?.id as string;

    const plan = await api.readPlan.execute(ew, familyId);
    expect(plan.disclosure.basis).toBe('wic-10850');
    for (const id of [sudId, mhId]) {
      const block = plan.activities.find((a) => a.id === id);
      expect(block).toMatchObject({ agency: 'cws', shown: 'schedule', personRecordId: participantId, status: 'active' });
      for (const field of ['kind', 'typeCode', 'title', 'location', 'wtwCount']) expect(block).not.toHaveProperty(field);
    }
    expect(plan.activities.find((a) => a.id === sudId)).toMatchObject({
      weeklyHours: 9,
      slots: [{ day: 'tue', start: '13:00', end: '16:00' }],
    });
    expect(plan.activities.find((a) => a.kind === 'wtw-activity')).toMatchObject({ shown: 'whole', typeCode: 'job-search' });
    expect(plan.wtwCandidates).toEqual([]);
    // The conflicts stay actionable: the overlap and the hours with their days and hours, in neutral words.
    const open = plan.conflicts.filter((c) => c.resolvedAt === null);
    expect(open.map((c) => [c.code, c.shown]).sort()).toEqual([
      ['no-time-for-court-ordered', 'masked'],
      ['overlapping-appointments', 'masked'],
    ]);
    expect(open.find((c) => c.code === 'overlapping-appointments')?.reason).toMatch(/a CWS activity \(Tuesday 13:00–16:00\)/i);
    expect(open.find((c) => c.code === 'no-time-for-court-ordered')?.reason).toContain('11 h of CWS activities');
    expect(told(plan)).not.toMatch(/substance|SUD|mental|counsel|court-ordered service|case-plan activity|candidate/i);

    // Child welfare sees its own activities whole, their marks and the conflicts as flagged.
    const own = await api.readPlan.execute(cws, familyId);
    expect(own.activities.find((a) => a.id === sudId)).toMatchObject({
      shown: 'whole',
      typeCode: 'substance-use-treatment',
      wtwCount: 'candidate',
    });
    expect(own.wtwCandidates).toEqual([sudId, mhId].sort());
    expect(own.conflicts.filter((c) => c.resolvedAt === null).every((c) => c.shown === 'whole')).toBe(true);
    expect(own.conflicts.find((c) => c.code === 'overlapping-appointments')?.reason).toMatch(/court-ordered service/);

    // The read's audit: the basis and what was withheld, counted (no content).
    expect(await lastShare(ew.principal.subject)).toMatchObject({
      outcome: 'allowed',
      authority: 'wic-10850',
      details: expect.objectContaining({
        bases: { 'own-agency': 2, 'wic-10850': 2 },
        withheld: { activities: 2, substanceUse: 1, candidates: 2, conflicts: 3 },
        reliedOn: [],
      }),
    });
    expect(JSON.stringify(await lastShare(ew.principal.subject))).not.toMatch(/substance-use-treatment|mental-health|counsel|Tuesday/i);

    // Deciding a candidate the caller may not see: absent (404), the denial audited, nothing changed.
    for (const id of [sudId, mhId])
      expect(await statusOf(api.decideWtwCount.execute(ew, familyId, id, { decision: 'confirmed' }))).toBe(404);
    const denied = await api.audits(`record_type = 'plan-activity' AND outcome = 'denied'`, []);
    expect(denied.map((d) => [d.actor_subject, d.record_id, d.reason])).toEqual([
      [ew.principal.subject, sudId, 'no-substance-use-consent'],
      [ew.principal.subject, mhId, 'no-detail-authority'],
    ]);
    expect([await wtwCountOf(sudId), await wtwCountOf(mhId)]).toEqual(['candidate', 'candidate']);
  }, 60_000);

  it('a consent releasing details shows the mental-health item and its mark, and a substance-use item only once a consent names SUD records', async () => {
    const consent = await api.recordConsent.executeOnFamily(cws, familyId, {
      kind: 'consent',
      ...consentDates(),
      categories: ['detail'],
      reference: 'SCD 1029 #it',
    });
    expect(consent).toMatchObject({ familyId, referralId: null, kind: 'consent', active: true, endedReason: null });
    const withConsent = await api.readPlan.execute(ew, familyId);
    expect(withConsent.disclosure).toMatchObject({ basis: 'consent', authorityIds: [consent.id] });
    expect(withConsent.activities.find((a) => a.id === mhId)).toMatchObject({
      shown: 'whole',
      kind: 'cws-case-plan-activity',
      typeCode: 'mental-health-treatment',
      title: 'Individual counselling',
      wtwCount: 'candidate',
    });
    // 42 CFR 2.31: a consent that does not name substance-use records does not release them.
    const sud = withConsent.activities.find((a) => a.id === sudId);
    expect(sud).toMatchObject({ shown: 'schedule', weeklyHours: 9 });
    expect(sud).not.toHaveProperty('typeCode');
    expect(withConsent.wtwCandidates).toEqual([mhId]);
    expect(withConsent.conflicts.find((c) => c.code === 'overlapping-appointments' && c.resolvedAt === null)?.shown).toBe('masked');
    expect(told(withConsent)).not.toMatch(/substance|SUD/i);
    expect(await lastShare(ew.principal.subject)).toMatchObject({
      authority: `consent:${consent.id}`,
      details: expect.objectContaining({
        bases: { 'own-agency': 2, consent: 1, 'wic-10850': 1 },
        withheld: { activities: 1, substanceUse: 1, candidates: 1, conflicts: 3 },
        reliedOn: [consent.id],
      }),
    });

    const sudConsent = await api.recordConsent.executeOnFamily(cws, familyId, {
      kind: 'consent',
      ...consentDates(),
      categories: ['detail'],
      reference: 'SCD 1029 #it-sud (42 CFR 2.31)',
    });
    await api.nameScopes(sudConsent.id, ['substance-use-records']);
    const withSud = await api.readPlan.execute(ew, familyId);
    expect(withSud.activities.find((a) => a.id === sudId)).toMatchObject({
      shown: 'whole',
      typeCode: 'substance-use-treatment',
      title: expect.any(String),
      wtwCount: 'candidate',
    });
    expect(withSud.wtwCandidates).toEqual([sudId, mhId].sort());
    expect(withSud.conflicts.every((c) => c.shown === 'whole')).toBe(true);
    expect(withSud.conflicts.find((c) => c.code === 'overlapping-appointments')?.reason).toMatch(/court-ordered service/);
    expect((await lastShare(ew.principal.subject))?.details).toMatchObject({
      withheld: { activities: 0, substanceUse: 0, candidates: 0, conflicts: 0 },
      reliedOn: [consent.id, sudConsent.id].sort(),
    });
    const shares = await api.audits(`record_type = 'coordinated-plan' AND actor_subject = $1 AND action = 'share'`, [ew.principal.subject]);
    expect(shares.at(-1)).toMatchObject({ outcome: 'allowed', authority: expect.stringMatching(/^consent:/) });

    // Revoked: the row, the event, and the details gone from the next read; a second revocation changes nothing.
    const revoked = await api.revoke.executeOnFamily(cws, familyId, consent.id, 'family withdrew consent');
    expect(revoked).toMatchObject({ active: false, endedReason: 'revoked', revokedAt: expect.any(String) });
    await api.revoke.executeOnFamily(cws, familyId, sudConsent.id, 'family withdrew consent');
    expect((await api.events(familyId)).filter(([t]) => t === 'sharing-authority-ended').map(([, e]) => e['reason'])).toEqual([
      'revoked',
      'revoked',
    ]);
    expect(await statusOf(api.revoke.executeOnFamily(cws, familyId, consent.id, 'again'))).toBe(409);
    const after = await api.readPlan.execute(ew, familyId);
    expect(after.activities.filter((a) => a.agency === 'cws').map((a) => a.shown)).toEqual(['schedule', 'schedule']);
    expect(after.wtwCandidates).toEqual([]);
    const listed = await api.listAuthorities.executeOnFamily(cws, familyId);
    expect(listed.map((a) => [a.id, a.endedReason])).toEqual([
      [consent.id, 'revoked'],
      [sudConsent.id, 'revoked'],
    ]);
  }, 60_000);

  it('an MDT membership widens the view for its members only (never to substance-use items), with its window tracked as a clock on the timeline', async () => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
    const mdt = await api.recordMdt.executeOnFamily(cws, familyId, {
      kind: 'mdt',
      reportReceivedOn: today,
      memberSubjects: [ew.principal.subject],
      reference: 'MDT protocol 2026-12',
    });
    expect(mdt).toMatchObject({ kind: 'mdt', active: true, memberSubjects: [ew.principal.subject] });
    expect(mdt.basis).toContain('30');
    const member = await api.readPlan.execute(ew, familyId);
    expect(member.disclosure).toMatchObject({ basis: 'mdt', authorityIds: [mdt.id] });
    expect(member.activities.find((a) => a.id === mhId)).toMatchObject({ shown: 'whole', typeCode: 'mental-health-treatment' });
    expect(member.activities.find((a) => a.id === sudId)).toMatchObject({ shown: 'schedule' });
    expect(member.wtwCandidates).toEqual([mhId]);
    expect((await lastShare(ew.principal.subject))?.details).toMatchObject({ bases: { 'own-agency': 2, mdt: 1, 'wic-10850': 1 } });
    const notMember = { principal: principal('calworks', 'ew-2'), correlationId: 'it-ew2' };
    const other = await api.readPlan.execute(notMember, familyId);
    expect(other.disclosure.basis).toBe('wic-10850');
    expect(other.wtwCandidates).toEqual([]);
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

  it('marks countable CWS activities as WTW candidates; only a CalWORKs worker who may see one decides, once', async () => {
    const consent = await api.recordConsent.executeOnFamily(cws, familyId, {
      kind: 'consent',
      ...consentDates(),
      categories: ['detail'],
      reference: 'SCD 1029 #it-wtw',
    });
    await api.nameScopes(consent.id, ['substance-use-records']);
    const plan = await api.readPlan.execute(ew, familyId);
    expect(plan.wtwCandidates).toEqual([sudId, mhId].sort());
    expect(plan.activities.find((a) => a.id === sudId)?.wtwCount).toBe('candidate');
    expect(await statusOf(api.decideWtwCount.execute(cws, familyId, sudId, { decision: 'confirmed' }))).toBe(409);
    const wtwActivity = plan.activities.find((a) => a.kind === 'wtw-activity')?.id as string;
    expect(await statusOf(api.decideWtwCount.execute(ew, familyId, wtwActivity, { decision: 'confirmed' }))).toBe(409);
    expect(await statusOf(api.decideWtwCount.execute(ew, familyId, uuid(), { decision: 'confirmed' }))).toBe(404);
    const decided = await api.decideWtwCount.execute(ew, familyId, sudId, { decision: 'confirmed' });
    expect(decided.activities.find((a) => a.id === sudId)?.wtwCount).toBe('confirmed');
    expect(decided.wtwCandidates).toEqual([mhId]);
    expect(await statusOf(api.decideWtwCount.execute(ew, familyId, sudId, { decision: 'rejected' }))).toBe(409);
    expect((await api.readPlan.execute(ew, familyId)).activities.find((a) => a.id === sudId)?.wtwCount).toBe('confirmed');
    // Once the consent ends, the decision stays recorded but is not shown to CalWORKs with the block.
    await api.revoke.executeOnFamily(cws, familyId, consent.id, 'consent withdrawn');
    expect((await api.readPlan.execute(ew, familyId)).activities.find((a) => a.id === sudId)).not.toHaveProperty('wtwCount');
    expect(await wtwCountOf(sudId)).toBe('confirmed');
  }, 60_000);

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
