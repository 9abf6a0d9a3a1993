import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { topics } from '@linkages/shared-contracts';
import { devToken, platformTemporalClient, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { startPlatform, type RunningPlatform } from './platform.spec-helper';

// A CWS referral entered through the API, through investigation, removal and the court, against the running
// services: every clock is a durable deadline found by case id in Temporal and explained by the API, the events are
// on Kafka, and impossible sequences change nothing.
interface ClockView {
  purpose: string;
  ruleId: string;
  tracked: string;
  status?: string;
  dueDate?: string | null;
  citation?: string;
  explanation?: string;
  satisfied?: { at: string; by: string; late: boolean; recordedAt?: string };
  startsFrom?: { fact?: string; at: string };
  moved?: { direction: string; computedDate: string | null; reason: string };
}

describe('child welfare: referral → investigation → removal → court, every clock durable', () => {
  let platform: RunningPlatform;
  let db: Client;
  let token: string;
  let supervisor: string;

  const api = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    opts: { user?: string; key?: string } = {},
  ) => {
    const res = await fetch(platform.url('child-welfare', path), {
      method,
      headers: {
        authorization: `Bearer ${opts.user ?? token}`,
        ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': opts.key ?? randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, type: res.headers.get('content-type') ?? '' };
  };
  const ok = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, user?: string) => {
    const r = await api<T>(method, path, body, user ? { user } : {});
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const newFamily = async (childDob = '2024-03-02') =>
    ok<{ id: string; calworksCaseNumber: string; members: { personId: string; role: string }[] }>('POST', '/families', {
      calworksCaseNumber: `CW-${uniqueSuffix().slice(0, 8)}`,
      members: [
        { role: 'parent', firstName: 'Flow', lastName: 'Parent', dateOfBirth: '1994-05-06', ssn: '219-09-9999' },
        { role: 'child', firstName: 'Flow', lastName: 'Child', dateOfBirth: childDob },
      ],
    });

  beforeAll(async () => {
    platform = await startPlatform(12_000);
    token = await devToken('cws-worker');
    supervisor = await devToken('cws-supervisor');
    db = new Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
  }, 200_000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop('SIGINT');
  });

  it('tracks every deadline from hotline to reunification services, explains each, and publishes the events', async () => {
    const family = await newFamily();
    const child = family.members.find((m) => m.role === 'child')!.personId;
    const referral = await ok<{ id: string }>('POST', '/referrals', {
      familyId: family.id,
      receivedAt: '2026-08-03T09:00:00-07:00',
      allegations: [{ type: 'general-neglect', childId: child }],
      reporter: { name: 'Flow Reporter' },
    });
    await ok('POST', `/referrals/${referral.id}/screening`, {
      decision: 'accepted',
      responsePriority: '10-day',
      reason: 'Young child left alone repeatedly',
      povertyOnly: false,
      decidedAt: '2026-08-03T11:00:00-07:00',
    });
    await ok('POST', `/referrals/${referral.id}/contacts`, { madeAt: '2026-08-05T14:00:00-07:00', childId: child });
    await ok('POST', `/referrals/${referral.id}/assessments`, {
      tool: 'sdm-safety',
      result: 'unsafe',
      completedAt: '2026-08-05T15:00:00-07:00',
    });
    const removal = await ok<{ caseId: string }>('POST', `/referrals/${referral.id}/removals`, {
      childId: child,
      removedAt: '2026-08-05T16:00:00-07:00',
      placementType: 'relative',
    });
    const caseId = removal.caseId;
    await ok('POST', `/cases/${caseId}/petition`, { filedAt: '2026-08-07T10:00:00-07:00' });
    await ok('POST', `/cases/${caseId}/hearings`, { type: 'detention', heldOn: '2026-08-10', outcome: 'detained' });
    await ok('POST', `/referrals/${referral.id}/disposition`, { disposition: 'substantiated', decidedAt: '2026-08-20T12:00:00-07:00' });
    // The court continues the jurisdiction hearing: the deadline moves, with the reason.
    await ok('POST', `/cases/${caseId}/hearings`, {
      type: 'jurisdiction',
      heldOn: '2026-08-28',
      outcome: 'continued',
      continuedTo: '2026-09-11',
    });
    await ok('POST', `/cases/${caseId}/hearings`, { type: 'jurisdiction', heldOn: '2026-09-11', outcome: 'jurisdiction-found' });
    await ok('POST', `/cases/${caseId}/cft-meetings`, { heldOn: '2026-09-15' });
    // Visits: none in August (a missed month), one in September.
    await ok('POST', `/cases/${caseId}/visits`, { childId: child, visitedOn: '2026-09-18' });
    // The first plan does not recommend CalWORKs cash aid; an amendment adds it (RULES.md 4: a plan without the AB 135
    // recommendation must be amended). The amendment meets and opens no clock: case-plan-update-1 stays the only one.
    const firstPlan = await ok<{ kind: string; nextUpdateDue: string | null }>('POST', `/cases/${caseId}/case-plans`, {
      filedOn: '2026-09-20',
      recommendsCashAid: false,
      recommendsAb429Services: true,
    });
    const amended = await ok<{ kind: string; nextUpdateDue: string | null; recommendsCashAid: boolean | null }>(
      'POST',
      `/cases/${caseId}/case-plans`,
      { filedOn: '2026-09-22', recommendsCashAid: true, recommendsAb429Services: true, amendment: true },
    );
    expect(amended).toMatchObject({ kind: 'amendment', recommendsCashAid: true, nextUpdateDue: firstPlan.nextUpdateDue });
    // The court continues the disposition hearing (WIC 358(a)): the disposition clock opened at jurisdiction moves,
    // with the reason (it used to be refused with 409 "There is no open disposition deadline to continue").
    await ok('POST', `/cases/${caseId}/hearings`, {
      type: 'disposition',
      heldOn: '2026-09-18',
      outcome: 'continued',
      continuedTo: '2026-09-25',
      continuanceBasis: 'good-cause',
    });
    // WIC 352(b): never more than 6 months after the detention hearing (10 Aug 2026 → 10 Feb 2027): refused.
    const pastLimit = await api<{ detail: string }>('POST', `/cases/${caseId}/hearings`, {
      type: 'disposition',
      heldOn: '2026-09-18',
      outcome: 'continued',
      continuedTo: '2027-03-01',
    });
    expect(pastLimit.status).toBe(409);
    expect(pastLimit.body.detail).toContain('WIC 352(b)');
    const disposed = await ok<{ type: string; enteredFosterCareOn: string; servicesMonths: number }>('POST', `/cases/${caseId}/hearings`, {
      type: 'disposition',
      heldOn: '2026-09-25',
      outcome: 'family-reunification',
    });
    // Entered foster care: jurisdiction (11 Sep) is earlier than removal + 60 days (4 Oct); a child under 3: 6 months of services.
    expect(disposed).toMatchObject({ type: 'family-reunification', enteredFosterCareOn: '2026-09-11', servicesMonths: 6 });

    const expected: Record<string, { tracked: string; status: string; rule: string }> = {
      'er-response': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.er.ten-day-response' },
      // RULES.md 1: the 30 days count from the first face-to-face contact (opened by the contact, not the screening).
      'investigation-disposition': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.er.investigation-disposition' },
      'petition-filing': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.petition-filing' },
      'detention-hearing': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.detention-hearing' },
      jurisdiction: { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.jurisdiction-detained' },
      'entered-foster-care': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.entered-foster-care-anchor' },
      // New: WIC 358(a)(1) (10 court days from the jurisdiction finding, child detained) and the WIC 352(b) outer
      // limits from the detention hearing (60 days, never more than 6 months), all met by the disposition hearing.
      disposition: { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.disposition-detained' },
      'disposition-outer-limit': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.disposition-outer-limit' },
      'disposition-six-month-limit': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.court.disposition-six-month-limit' },
      'initial-case-plan': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.case.initial-case-plan' },
      'first-cft': { tracked: 'satisfied', status: 'satisfied', rule: 'cws.case.first-cft-meeting' },
      'case-plan-update-1': { tracked: 'open', status: 'pending', rule: 'cws.case.case-plan-update' },
      'six-month-review': { tracked: 'open', status: 'pending', rule: 'cws.court.six-month-review' },
      // WIC 366.21(e): the 6-month review's second limit, no later than 12 months after entering foster care.
      'six-month-review-limit': { tracked: 'open', status: 'pending', rule: 'cws.court.six-month-review-outer-limit' },
      'twelve-month-permanency': { tracked: 'open', status: 'pending', rule: 'cws.court.twelve-month-permanency' },
      'eighteen-month-review': { tracked: 'open', status: 'pending', rule: 'cws.court.eighteen-month-review' },
    };
    // The worker applies the clock commands to Temporal; wait until every deadline reports its live state.
    const clocks = await waitFor(
      async () => {
        const list = (await ok<ClockView[]>('GET', `/cases/${caseId}/deadlines`)) ?? [];
        const settled = Object.entries(expected).every(([purpose, e]) => list.find((c) => c.purpose === purpose)?.status === e.status);
        return settled ? list : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every clock of the case to be live in Temporal' },
    );
    // Monthly visits: each month is its own clock; a month without a visit is overdue, and the count goes on.
    const thisMonth = DateTime.now().setZone('America/Los_Angeles').toFormat('yyyy-MM');
    const visits = await waitFor(
      async () => {
        const list = (await ok<ClockView[]>('GET', `/cases/${caseId}/deadlines`)).filter((c) => c.purpose.startsWith('visit-'));
        const state = (month: string) => list.find((c) => c.purpose === `visit-${child}-${month}`)?.status;
        return state('2026-08') === 'overdue' && state('2026-09') === 'satisfied' && state(thisMonth) === 'pending' ? list : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the monthly visit clocks to catch up to this month' },
    );
    expect(visits.find((c) => c.purpose === `visit-${child}-2026-08`)!.dueDate).toBe('2026-08-31');
    // September's clock opened after the visit of 18 Sep was recorded: it is met at the visit's own day (the end of
    // that California day), not at the moment the clock caught up.
    expect(visits.find((c) => c.purpose === `visit-${child}-2026-09`)!.satisfied).toMatchObject({
      at: '2026-09-19T06:59:59.999Z',
      late: false,
    });
    for (const [purpose, e] of Object.entries(expected)) {
      const clock = clocks.find((c) => c.purpose === purpose);
      expect({ purpose, tracked: clock?.tracked, rule: clock?.ruleId }).toEqual({ purpose, tracked: e.tracked, rule: e.rule });
      expect(clock?.explanation).toContain(clock?.citation ?? 'no citation');
    }
    const byPurpose = Object.fromEntries(clocks.map((c) => [c.purpose, c]));
    expect(byPurpose['jurisdiction']!.dueDate).toBe('2026-09-11');
    expect(byPurpose['jurisdiction']!.explanation).toContain('Reason: continued by the court for good cause (WIC 352).');
    expect(byPurpose['jurisdiction']!.moved).toMatchObject({
      direction: 'later',
      reason: 'continued by the court for good cause (WIC 352)',
    });
    expect(byPurpose['jurisdiction']!.explanation).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    // WIC 366.21(e): 6 months after the disposition hearing (Fri 25 Sep 2026), not after entering foster care (was
    // 2027-03-11); and never after its limit, 12 months after entering foster care (Sat 11 Sep 2027).
    expect(byPurpose['six-month-review']!.dueDate).toBe('2027-03-25');
    expect(byPurpose['six-month-review']!.explanation).toContain('6 calendar months from the disposition hearing of Fri 25 Sep 2026');
    expect(byPurpose['six-month-review']!.startsFrom?.fact).toBe('the disposition hearing');
    expect(byPurpose['six-month-review-limit']!.dueDate! <= '2027-09-11').toBe(true);
    expect(byPurpose['six-month-review-limit']!.explanation).toContain(
      "12 calendar months from the child's entry into foster care of Fri 11 Sep 2026",
    );
    // RULES.md 1: the investigation's 30 days count from the first face-to-face contact (Wed 5 Aug), not the screening.
    expect(byPurpose['investigation-disposition']!.dueDate).toBe('2026-09-04');
    expect(byPurpose['investigation-disposition']!.explanation).toContain(
      '30 calendar days from the first face-to-face contact of Wed 5 Aug 2026',
    );
    // WIC 358(a): the continuance set the disposition clock's date, with its reason; WIC 352(b) counts from the detention hearing.
    expect(byPurpose['disposition']!.dueDate).toBe('2026-09-25');
    expect(byPurpose['disposition']!.explanation).toContain('Reason: continued by the court for good cause.');
    expect(byPurpose['disposition']!.explanation).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(byPurpose['disposition-outer-limit']!.dueDate).toBe('2026-10-09');
    expect(byPurpose['disposition-six-month-limit']!.dueDate).toBe('2027-02-10');
    expect(byPurpose['er-response']!.explanation).toMatch(/WIC 16501\(f\)/);

    // Visible in the Temporal UI by case id (CaseId search attribute): the case's clocks and the referral's.
    const { connection, client } = await platformTemporalClient();
    try {
      const found = await waitFor(
        async () => {
          const ids: string[] = [];
          // Child welfare's own clocks (Linkages' coordination clocks of the family carry the case id too).
          for await (const wf of client.workflow.list({ query: `CaseId = "${caseId}"` }))
            if (wf.workflowId.startsWith('child-welfare/')) ids.push(wf.workflowId);
          return ids.length >= 10 ? ids : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 1000, what: 'the case’s deadline workflows in the visibility store' },
      );
      expect(found.every((id) => id.startsWith('child-welfare/deadline/'))).toBe(true);
      for (const wf of found)
        await client.workflow
          .getHandle(wf)
          .terminate('e2e finished')
          .catch(() => undefined);
      for await (const wf of client.workflow.list({ query: `CaseId = "${referral.id}"` }))
        await client.workflow
          .getHandle(wf.workflowId)
          .terminate('e2e finished')
          .catch(() => undefined);
    } finally {
      await connection.close();
    }

    // The events, on Kafka, for this family, in order; no names, no allegations, no reporter.
    const kafka = new Kafka({ clientId: 'e2e-cws', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `e2e-cws-${uniqueSuffix()}` });
    const seen: { type: string; value: string }[] = [];
    const deadlineEvents: { type: string; value: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.cwsCaseEvents.name, topics.deadlineEvents.name], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.['ce_familyid']?.toString() !== family.id) return;
        const type = message.headers['ce_type']!.toString();
        (type.includes('.deadlines.') ? deadlineEvents : seen).push({ type, value: message.value!.toString() });
      },
    });
    const wanted = ['referral-accepted', 'case-opened', 'child-removed', 'case-plan-filed', 'reunification-services-ordered'];
    const plansSeen = () => seen.filter((s) => s.type.includes('.cws.case-plan-filed.')).length === 2;
    const satisfiedRules = [
      'cws.er.ten-day-response',
      'cws.court.petition-filing',
      'cws.court.detention-hearing',
      'cws.court.jurisdiction-detained',
      'cws.case.initial-case-plan',
    ];
    const deadlinesSeen = () =>
      satisfiedRules.every((r) => deadlineEvents.some((d) => d.type.includes('deadline-satisfied') && d.value.includes(r))) &&
      deadlineEvents.some((d) => d.type.includes('deadline-due') && d.value.includes('cws.case.monthly-caseworker-visit'));
    await waitFor(
      async () => (wanted.every((w) => seen.some((s) => s.type.includes(`.cws.${w}.`))) && plansSeen() && deadlinesSeen()) || undefined,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `the events ${wanted.join(', ')} and the deadline events`,
      },
    );
    await consumer.disconnect();
    expect(seen.map((s) => s.type.replace('gov.ca.linkages.cws.', '').replace('.v1', ''))).toEqual([
      'referral-accepted',
      'case-opened',
      'child-removed',
      // Linkages coordination learns of the CFT meeting (issue 13: it meets the joint case-planning meeting).
      'cft-meeting-held',
      'case-plan-filed',
      'case-plan-filed',
      'reunification-services-ordered',
      'case-opened',
    ]);
    // CalWORKs finds the Assistance Unit by the case number child welfare recorded (WIC 10850 minimum), and learns
    // from the plans whether cash aid and AB 429 services are recommended.
    const payload = (name: string, i = 0) =>
      JSON.parse(seen.filter((s) => s.type.includes(`.cws.${name}.`))[i]!.value) as Record<string, unknown>;
    expect(payload('child-removed')).toMatchObject({ calworksCaseNumber: family.calworksCaseNumber, allChildrenRemoved: true });
    expect(payload('case-plan-filed', 0)).toMatchObject({ kind: 'initial', recommendsCashAid: false, recommendsAb429Services: true });
    expect(payload('case-plan-filed', 1)).toMatchObject({ kind: 'amendment', recommendsCashAid: true, filedOn: '2026-09-22' });
    for (const s of seen) expect(s.value).not.toMatch(/Flow|general-neglect|Reporter/);
    const accepted = JSON.parse(seen[0]!.value) as Record<string, unknown>;
    expect(accepted).toMatchObject({ referralId: referral.id, responsePriority: '10-day', path: 'investigation', knownToCalworks: true });
  }, 180_000);

  it('refuses impossible sequences with a clear problem and changes nothing; a re-sent request changes nothing', async () => {
    const family = await newFamily('2015-01-01');
    const child = family.members.find((m) => m.role === 'child')!.personId;
    const stranger = (await newFamily()).members.find((m) => m.role === 'child')!.personId;
    const referral = await ok<{ id: string }>('POST', '/referrals', {
      familyId: family.id,
      receivedAt: '2026-10-01T09:00:00-07:00',
      allegations: [{ type: 'physical-abuse', childId: child }],
    });
    const count = async (table: string, where: string, id: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM child_welfare.${table} WHERE ${where} = $1`, [id])).rows[0]!.n);

    // Contact before screening, disposition before contact.
    expect((await api('POST', `/referrals/${referral.id}/contacts`, { madeAt: '2026-10-01T10:00:00-07:00' })).status).toBe(409);
    await ok('POST', `/referrals/${referral.id}/screening`, {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: 'Injury reported by school',
      povertyOnly: false,
      decidedAt: '2026-10-01T09:30:00-07:00',
    });
    // RULES.md 1: accepted for investigation, but no face-to-face contact yet: no disposition clock (the response clock runs).
    const clocksOf = async (id: string) =>
      (
        await db.query<{ purpose: string; start_at: Date }>(
          `SELECT purpose, start_at FROM child_welfare.tracked_deadlines WHERE subject_id = $1`,
          [id],
        )
      ).rows;
    expect((await clocksOf(referral.id)).map((c) => c.purpose)).toEqual(['er-response']);
    const early = await api<{ type: string; detail: string }>('POST', `/referrals/${referral.id}/disposition`, {
      disposition: 'unfounded',
      decidedAt: '2026-10-02T09:00:00-07:00',
    });
    expect(early.status).toBe(409);
    expect(early.type).toContain('application/problem+json');
    expect(early.body).toMatchObject({
      type: expect.stringContaining('impossible-sequence'),
      detail: expect.stringContaining('before in-person contact'),
    });

    // A downgrade needs a supervisor, and must come before contact.
    expect(
      (
        await api('POST', `/referrals/${referral.id}/downgrade`, {
          reason: 'Child safe with grandparent',
          managerApproval: 'Manager M',
          approvedAt: '2026-10-01T10:00:00-07:00',
        })
      ).status,
    ).toBe(403);
    await ok(
      'POST',
      `/referrals/${referral.id}/downgrade`,
      { reason: 'Child safe with grandparent', managerApproval: 'Manager M', approvedAt: '2026-10-01T10:00:00-07:00' },
      supervisor,
    );

    // Removal of a child who is not in the family.
    await ok('POST', `/referrals/${referral.id}/contacts`, { madeAt: '2026-10-02T10:00:00-07:00' });
    // The first contact starts the 30-day disposition clock, from the contact itself.
    expect((await clocksOf(referral.id)).find((c) => c.purpose === 'investigation-disposition')?.start_at.toISOString()).toBe(
      '2026-10-02T17:00:00.000Z',
    );
    expect(
      (
        await api('POST', `/referrals/${referral.id}/removals`, {
          childId: stranger,
          removedAt: '2026-10-02T11:00:00-07:00',
          placementType: 'foster-family',
        })
      ).status,
    ).toBe(409);
    expect(await count('removals', 'child_id', stranger)).toBe(0);

    // Re-sent removal with the same key: one removal, one case, the same answer.
    const key = randomUUID();
    const body = { childId: child, removedAt: '2026-10-02T11:00:00-07:00', placementType: 'foster-family' };
    const first = await api<{ caseId: string; removalId: string }>('POST', `/referrals/${referral.id}/removals`, body, { key });
    const again = await api<{ caseId: string; removalId: string }>('POST', `/referrals/${referral.id}/removals`, body, { key });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await count('removals', 'child_id', child)).toBe(1);
    const caseId = first.body.caseId;

    // Disposition before jurisdiction, a hearing before the petition: refused, the case unchanged.
    const before = await ok('GET', `/cases/${caseId}`);
    expect((await api('POST', `/cases/${caseId}/hearings`, { type: 'detention', heldOn: '2026-10-05', outcome: 'detained' })).status).toBe(
      409,
    );
    await ok('POST', `/cases/${caseId}/petition`, { filedAt: '2026-10-05T09:00:00-07:00' });
    const disposition = await api<{ detail: string }>('POST', `/cases/${caseId}/hearings`, {
      type: 'disposition',
      heldOn: '2026-10-06',
      outcome: 'family-reunification',
    });
    expect(disposition.status).toBe(409);
    expect(disposition.body.detail).toContain('before jurisdiction');
    expect(await ok('GET', `/cases/${caseId}`)).toEqual({ ...before, petitionFiledOn: '2026-10-05' });
    expect(await count('hearings', 'case_id', caseId)).toBe(0);

    // AB 2085: poverty alone is not general neglect.
    const poor = await ok<{ id: string }>('POST', '/referrals', {
      familyId: family.id,
      receivedAt: '2026-10-03T09:00:00-07:00',
      allegations: [{ type: 'general-neglect', childId: child }],
    });
    const ab2085 = await api<{ type: string }>('POST', `/referrals/${poor.id}/screening`, {
      decision: 'accepted',
      responsePriority: '10-day',
      reason: 'Family is homeless',
      povertyOnly: true,
      decidedAt: '2026-10-03T10:00:00-07:00',
    });
    expect(ab2085.status).toBe(422);
    expect(ab2085.body.type).toContain('ab-2085');
    expect((await ok<{ status: string }>('GET', `/referrals/${poor.id}`)).status).toBe('received');
    // AB 2085 whatever the allegation mix: a poverty-only referral with another allegation is refused too (it used to
    // be accepted), and each refusal is in the audit log as denied, with the reason.
    const mixed = await ok<{ id: string }>('POST', '/referrals', {
      familyId: family.id,
      receivedAt: '2026-10-03T09:00:00-07:00',
      allegations: [
        { type: 'general-neglect', childId: child },
        { type: 'caretaker-absence', childId: child },
      ],
    });
    const mixedRefused = await api<{ type: string }>('POST', `/referrals/${mixed.id}/screening`, {
      decision: 'differential-response',
      responsePriority: '10-day',
      reason: 'Family is homeless',
      povertyOnly: true,
      decidedAt: '2026-10-03T10:00:00-07:00',
    });
    expect(mixedRefused.status).toBe(422);
    expect(mixedRefused.body.type).toContain('ab-2085');
    expect((await ok<{ status: string }>('GET', `/referrals/${mixed.id}`)).status).toBe('received');
    for (const id of [poor.id, mixed.id]) {
      const audited = await db.query<{ outcome: string; reason: string }>(
        `SELECT outcome, reason FROM child_welfare.audit_log WHERE record_id = $1 AND outcome = 'denied'`,
        [id],
      );
      expect(audited.rows).toEqual([{ outcome: 'denied', reason: expect.stringContaining('AB 2085') }]);
    }

    // Facts dated in the future are typing errors.
    expect((await api('POST', `/cases/${caseId}/cft-meetings`, { heldOn: '2099-01-01' })).status).toBe(400);
  }, 120_000);
});
