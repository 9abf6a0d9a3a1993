import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { MatchKeys } from '@linkages/platform-crypto';
import { expectNoPlaintext, stackEnv } from '@linkages/platform-testing';
import { problemOf, startHousehold, worker } from './household.spec-helper';
import { todayInCalifornia } from './household.schemas';

// The household's use cases against the real PostgreSQL (a throwaway database with the service's migrations):
// county scope, encryption at rest, aided status over time, grants, WTW participation, exemptions with their
// verification and the AB 2300 clock, supportive services and FS, and that a refused request changes nothing.
const LA = '06037';
const SC = '06085';
const caseNumber = () => `CW-${randomBytes(5).toString('hex')}`;
const member = (role: string, extra: Record<string, unknown> = {}) => ({
  role,
  firstName: 'Test',
  lastName: `Member${randomBytes(2).toString('hex')}`,
  dateOfBirth: '1990-04-02',
  needy: true,
  aided: true,
  ...extra,
});
const household = (number = caseNumber()) =>
  ({
    caseNumber: number,
    aidedStatus: 'aided',
    aidedFrom: '2026-01-01',
    grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
    members: [
      member('applicant', { ssn: '123-45-6789' }),
      member('child', { dateOfBirth: '2020-06-01' }),
      member('caretaker-relative', { dateOfBirth: '1960-01-15' }),
      member('other', { needy: false, aided: false }),
    ],
  }) as const;
type H = Awaited<ReturnType<typeof startHousehold>>;
let h: H;

const count = async (table: string, where = 'true', params: unknown[] = []) =>
  ((await h.dataSource.query(`SELECT count(*)::int AS n FROM calworks.${table} WHERE ${where}`, params)) as { n: number }[])[0]?.n;

describe('CalWORKs household use cases (real PostgreSQL)', () => {
  beforeAll(async () => {
    h = await startHousehold();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('records an AU with members encrypted at rest; finds it by county and case number, not from another county', async () => {
    const input = household();
    const au = await h.createAu.execute(worker(LA), input as never);
    expect(au).toMatchObject({ countyCode: LA, caseNumber: input.caseNumber, aidedStatus: 'aided', cashAid: { amountCents: 92_500 } });
    expect(au.members.map((m) => [m.role, m.dateOfBirth, m.ssnMasked])).toEqual([
      ['applicant', '1990-04-02', '***-**-6789'],
      ['child', '2020-06-01', null],
      ['caretaker-relative', '1960-01-15', null],
      ['other', '1990-04-02', null],
    ]);
    const [raw] = (await h.dataSource.query(`SELECT * FROM calworks.au_members WHERE id = $1`, [au.members[0]?.memberId])) as Record<
      string,
      string
    >[];
    expect(raw?.['dob_encrypted']).toMatch(/^f1\./);
    expect(raw?.['ssn_encrypted']).toMatch(/^f1\./);
    expect(JSON.stringify(raw)).not.toContain('1990-04-02');
    expect(JSON.stringify(raw)).not.toContain('6789');

    await h.dataSource.transaction(async (tx) => {
      expect((await h.units.byCaseNumber(tx, LA, input.caseNumber))?.id).toBe(au.id);
      expect(await h.units.byCaseNumber(tx, SC, input.caseNumber)).toBeUndefined();
    });
    expect((await h.byCaseNumber.execute(worker(LA), { caseNumber: input.caseNumber })).id).toBe(au.id);
    expect(await problemOf(h.byCaseNumber.execute(worker(SC), { caseNumber: input.caseNumber }))).toMatchObject({ status: 404 });
  });

  it('refuses a second AU with the same case number in a county (409 case-number-in-use), allows it in another county', async () => {
    const number = caseNumber();
    await h.createAu.execute(worker(LA), household(number) as never);
    const before = await count('assistance_units');
    const refused = await problemOf(h.createAu.execute(worker(LA), household(number) as never));
    expect(refused).toMatchObject({ status: 409, type: 'case-number-in-use' });
    expect(await count('assistance_units')).toBe(before);
    // Two creates at once: the unique constraint decides, the loser gets the same 409.
    const racing = caseNumber();
    const results = await Promise.allSettled([
      h.createAu.execute(worker(SC), household(racing) as never),
      h.createAu.execute(worker(SC), household(racing) as never),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(await problemOf(Promise.reject((loser as PromiseRejectedResult).reason))).toMatchObject({
      status: 409,
      type: 'case-number-in-use',
    });
    expect((await h.createAu.execute(worker(SC), household(number) as never)).countyCode).toBe(SC);
  });

  it('answers another county’s AU and participant as not found, and audits the attempt and every read', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    expect(await problemOf(h.auQuery.execute(worker(SC), au.id))).toMatchObject({ status: 404, type: 'not-found' });
    expect(await problemOf(h.aidedStatus.execute(worker(SC), au.id, { status: 'not-aided', effectiveOn: '2026-02-01' }))).toMatchObject({
      status: 404,
    });
    await h.auQuery.execute(worker(LA), au.id);
    const audit = (await h.dataSource.query(
      `SELECT action, outcome, actor_county FROM calworks.audit_log WHERE record_id = $1 ORDER BY seq`,
      [au.id],
    )) as { action: string; outcome: string; actor_county: string }[];
    expect(audit).toEqual([
      { action: 'create', outcome: 'allowed', actor_county: LA },
      { action: 'access', outcome: 'denied', actor_county: SC },
      { action: 'access', outcome: 'denied', actor_county: SC },
      { action: 'read', outcome: 'allowed', actor_county: LA },
    ]);
    expect(await h.aidedStatus.execute(worker(LA), au.id, { status: 'not-aided', effectiveOn: '2026-02-01' })).toBeDefined();
    expect(await count('au_aided_status_changes', 'au_id = $1', [au.id])).toBe(2);
  });

  it('keeps the aided status over time and the grant history; a change that changes nothing is refused', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    await h.aidedStatus.execute(worker(LA), au.id, { status: 'not-aided', effectiveOn: '2026-05-01' });
    const view = await h.aidedStatus.execute(worker(LA), au.id, { status: 'aided', effectiveOn: '2026-08-15' });
    expect(view.aidedPeriods).toEqual([
      { status: 'aided', from: '2026-01-01', to: '2026-04-30' },
      { status: 'not-aided', from: '2026-05-01', to: '2026-08-14' },
      { status: 'aided', from: '2026-08-15', to: null },
    ]);
    await h.dataSource.transaction(async (tx) => {
      expect(await h.units.aidedStatusOn(tx, au.id, '2026-06-30')).toBe('not-aided');
      expect(await h.units.aidedStatusOn(tx, au.id, '2025-12-31')).toBe('not-aided');
      expect(await h.units.aidedStatusOn(tx, au.id, '2026-09-01')).toBe('aided');
    });
    expect(await problemOf(h.aidedStatus.execute(worker(LA), au.id, { status: 'aided', effectiveOn: '2026-09-01' }))).toMatchObject({
      status: 409,
      type: 'impossible-sequence',
    });
    // Linkages hears each change (aided-status-recorded, keyed by the AU): aided, discontinued, aided again; the refused one not.
    const aidedEvent = (status: string, effectiveOn: string) => [
      'aided-status-recorded',
      { auId: au.id, familyId: au.id, caseNumber: au.caseNumber, status, effectiveOn },
    ];
    expect(await h.events(au.id, 'aided-status-recorded')).toEqual([
      aidedEvent('aided', '2026-01-01'),
      aidedEvent('discontinued', '2026-05-01'),
      aidedEvent('aided', '2026-08-15'),
    ]);
    await h.grantChange.execute(worker(LA), au.id, {
      effectiveOn: '2026-05-01',
      cashAidStatus: 'suspended',
      amountCents: 0,
      reason: 'temporary-absence',
    });
    const paid = await h.grantChange.execute(worker(LA), au.id, {
      effectiveOn: '2026-08-15',
      cashAidStatus: 'paid',
      amountCents: 71_000,
      reason: 'income-change',
    });
    expect(paid.grantChanges.map((g) => [g.effectiveOn, g.cashAidStatus, g.amountCents])).toEqual([
      ['2026-01-01', 'paid', 92_500],
      ['2026-05-01', 'suspended', 0],
      ['2026-08-15', 'paid', 71_000],
    ]);
    await h.dataSource.transaction(async (tx) => expect((await h.units.grantOn(tx, au.id, '2026-06-01'))?.cashAidStatus).toBe('suspended'));
    expect(
      await problemOf(
        h.grantChange.execute(worker(LA), au.id, { effectiveOn: '2026-09-01', cashAidStatus: 'paid', amountCents: 0, reason: 'other' }),
      ),
    ).toMatchObject({ status: 409 });
    expect(await count('au_grant_changes', 'au_id = $1', [au.id])).toBe(3);
  });

  it('each member’s match keys go to Linkages on the identity topic (tokens only), on create and on an added member', async () => {
    const number = caseNumber();
    const input = {
      ...household(number),
      members: [
        member('applicant', { firstName: 'Xochitl', lastName: 'Nguyen-Huerta', dateOfBirth: '1987-11-23', ssn: '587-65-4329' }),
        member('child', { firstName: 'Bao', lastName: 'Nguyen', dateOfBirth: '2018-02-09' }),
      ],
    };
    const au = await h.createAu.execute(worker(LA), input as never);
    const added = member('other', { firstName: 'Itzel', lastName: 'Huerta', dateOfBirth: '2007-05-30', needy: false, aided: false });
    const addedView = await h.addMember.execute(worker(LA), au.id, added as never);
    const keys = MatchKeys.fromBase64(stackEnv().MATCH_KEY);
    const expected = (m: (typeof input.members)[number] | typeof added, memberId: string, ageBand: string) => [
      'member-match-keys',
      {
        memberId,
        auId: au.id,
        familyId: au.id,
        caseNumber: number,
        role: m.role,
        aided: m.aided,
        ageBand,
        keys: keys.forPerson(m as { firstName: string; lastName: string; dateOfBirth: string }),
        withdrawn: false,
        recordedAt: expect.any(String),
      },
    ];
    expect(await h.events(au.id, 'member-match-keys')).toEqual([
      expected(input.members[0]!, au.members[0]!.memberId, '20-plus'),
      expected(input.members[1]!, au.members[1]!.memberId, 'child'),
      expected(added, addedView.memberId, 'under-20'),
    ]);
    const rows = (await h.dataSource.query(
      `SELECT topic, value FROM calworks.outbox WHERE partition_key = $1 AND event_type LIKE '%member-match-keys%'`,
      [au.id],
    )) as { topic: string; value: string }[];
    expect(new Set(rows.map((r) => r.topic))).toEqual(new Set(['linkages.identity.match-keys.v1']));
    // PII canary over the serialized payloads: no name part, date of birth (any spelling), SSN or its last four.
    expectNoPlaintext(
      rows.map((r) => r.value),
      [
        'Xochitl',
        'XOCHITL',
        'Nguyen',
        'NGUYEN',
        'Huerta',
        'HUERTA',
        'Bao',
        'BAO',
        'Itzel',
        'ITZEL',
        '1987-11-23',
        '19871123',
        '2018-02-09',
        '2007-05-30',
        '987-65-4329',
        '987654329',
        '4329',
      ],
    );
  });

  it('an AU created not aided is an applicant to Linkages; a refused create publishes nothing', async () => {
    const number = caseNumber();
    const au = await h.createAu.execute(worker(LA), { ...household(number), aidedStatus: 'not-aided', grant: undefined } as never);
    expect(await h.events(au.id, 'aided-status-recorded')).toEqual([
      ['aided-status-recorded', { auId: au.id, familyId: au.id, caseNumber: number, status: 'applicant', effectiveOn: '2026-01-01' }],
    ]);
    expect(await problemOf(h.createAu.execute(worker(LA), household(number) as never))).toMatchObject({ status: 409 });
    expect(await count('outbox', `event_type LIKE '%aided-status-recorded%' AND value::jsonb->>'caseNumber' = $1`, [number])).toBe(1);
  });

  it('enrolls an aided, needy adult in WTW once; refuses a child, a non-needy member, a second enrollment, an aided non-needy member', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    const [applicant, child, , nonNeedy] = au.members;
    for (const m of [child, nonNeedy])
      expect(await problemOf(h.enroll.execute(worker(LA), au.id, { memberId: m?.memberId ?? '', enrolledOn: '2026-02-01' }))).toMatchObject(
        {
          status: 409,
        },
      );
    const participant = await h.enroll.execute(worker(LA), au.id, { memberId: applicant?.memberId ?? '', enrolledOn: '2026-02-01' });
    expect(participant).toMatchObject({ auId: au.id, countyCode: LA, exemptToday: false, weeklyHoursToday: 0 });
    expect(
      await problemOf(h.enroll.execute(worker(LA), au.id, { memberId: applicant?.memberId ?? '', enrolledOn: '2026-02-01' })),
    ).toMatchObject({
      status: 409,
    });
    expect(await problemOf(h.enroll.execute(worker(LA), au.id, { memberId: randomUUID(), enrolledOn: '2026-02-01' }))).toMatchObject({
      status: 409,
    });
    expect(await problemOf(h.participant.execute(worker(SC), participant.id))).toMatchObject({ status: 404 });
    const aidedNonNeedy = { ...member('other', { needy: false, aided: true }), dateOfBirth: '1980-01-01' };
    expect(await problemOf(h.addMember.execute(worker(LA), au.id, aidedNonNeedy as never))).toMatchObject({ status: 409 });
    expect(await count('au_members', 'au_id = $1', [au.id])).toBe(4);
    expect(await count('wtw_participants', 'au_id = $1', [au.id])).toBe(1);
  });

  it('signs plans with activities and weekly hours; a new plan supersedes the current one', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    const p = await h.enroll.execute(worker(LA), au.id, { memberId: au.members[0]?.memberId ?? '', enrolledOn: '2026-02-01' });
    const today = todayInCalifornia();
    await h.plan.execute(worker(LA), p.id, {
      signedOn: '2026-02-02',
      activities: [{ type: 'job-search', weeklyHours: 20, startsOn: '2026-02-02' }],
    });
    const second = await h.plan.execute(worker(LA), p.id, {
      signedOn: today,
      activities: [
        { type: 'vocational-training', weeklyHours: 20, startsOn: today },
        { type: 'work-experience', weeklyHours: 10, startsOn: today, endsOn: today },
      ],
    });
    expect(second.plans.map((x) => x.status)).toEqual(['current', 'superseded']);
    expect(second.weeklyHoursToday).toBe(30);
    // Each signed plan is a wtw-plan-signed with its activities (ids as recorded), weekly hours and dates; the AU named.
    const [current, superseded] = second.plans;
    expect(await h.events(au.id, 'wtw-plan-signed')).toEqual([
      [
        'wtw-plan-signed',
        {
          planId: superseded?.id,
          participantId: p.id,
          auId: au.id,
          familyId: au.id,
          signedOn: '2026-02-02',
          activities: [{ activityId: superseded?.activities[0]?.id, type: 'job-search', weeklyHours: 20, startsOn: '2026-02-02' }],
        },
      ],
      [
        'wtw-plan-signed',
        {
          planId: current?.id,
          participantId: p.id,
          auId: au.id,
          familyId: au.id,
          signedOn: today,
          activities: [
            { activityId: current?.activities[0]?.id, type: 'vocational-training', weeklyHours: 20, startsOn: today },
            { activityId: current?.activities[1]?.id, type: 'work-experience', weeklyHours: 10, startsOn: today, endsOn: today },
          ],
        },
      ],
    ]);
    expect(
      await problemOf(
        h.plan.execute(worker(LA), p.id, {
          signedOn: '2026-01-15',
          activities: [{ type: 'education', weeklyHours: 5, startsOn: '2026-01-15' }],
        }),
      ),
    ).toMatchObject({ status: 409 });
  });

  it('CWS-related exemption: a needy caretaker relative only, pending until the CWS social worker verifies it in writing', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    const [applicant, , caretaker] = au.members;
    const parent = await h.enroll.execute(worker(LA), au.id, { memberId: applicant?.memberId ?? '', enrolledOn: '2026-02-01' });
    expect(
      await problemOf(h.exemption.execute(worker(LA), parent.id, { reason: 'cws-caretaker-relative', startsOn: '2026-02-01' })),
    ).toMatchObject({
      status: 409,
    });
    const p = await h.enroll.execute(worker(LA), au.id, { memberId: caretaker?.memberId ?? '', enrolledOn: '2026-02-01' });
    const pending = await h.exemption.execute(worker(LA), p.id, { reason: 'cws-caretaker-relative', startsOn: '2026-02-01' });
    const ex = pending.exemptions[0];
    expect(ex?.verification).toEqual({ required: true, source: 'cws-social-worker', status: 'pending', verifiedOn: null });
    expect(pending.exemptToday).toBe(false);
    const wrong = { outcome: 'verified', source: 'other-document', verifiedOn: '2026-02-03' } as const;
    expect(await problemOf(h.verify.execute(worker(LA), p.id, ex?.id ?? '', wrong))).toMatchObject({ status: 409 });
    const verified = await h.verify.execute(worker(LA), p.id, ex?.id ?? '', { ...wrong, source: 'cws-social-worker' });
    expect(verified.exemptToday).toBe(true);
    expect(await problemOf(h.verify.execute(worker(LA), p.id, ex?.id ?? '', { ...wrong, source: 'cws-social-worker' }))).toMatchObject({
      status: 409,
    });
    expect(await problemOf(h.verify.execute(worker(LA), p.id, randomUUID(), { ...wrong, source: 'cws-social-worker' }))).toMatchObject({
      status: 404,
    });
  });

  it('AB 2300: the 12-week clock opens through TrackedDeadlines and sets the end; not verified → the clock is cancelled', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    const p = await h.enroll.execute(worker(LA), au.id, { memberId: au.members[0]?.memberId ?? '', enrolledOn: '2026-02-01' });
    const view = await h.exemption.execute(worker(LA), p.id, { reason: 'ab2300-birth', startsOn: '2026-03-12', eventOn: '2026-03-12' });
    const ex = view.exemptions[0];
    // 84 calendar days after Thu 12 Mar 2026 (first day not counted), never moved: Thu 4 Jun 2026.
    expect(ex).toMatchObject({ reason: 'ab2300-birth', eventOn: '2026-03-12', endsOn: '2026-06-04' });
    expect(ex?.endsOn).toBe(DateTime.fromISO('2026-03-12').plus({ days: 84 }).toISODate());
    expect(view.clocks).toEqual([
      expect.objectContaining({ subjectId: ex?.id, purpose: 'ab2300-exemption', ruleId: 'calworks.wtw.ab2300-exemption', tracked: 'open' }),
    ]);
    const commands = (await h.dataSource.query(`SELECT op, payload FROM calworks.deadline_commands WHERE deadline_id = $1`, [
      view.clocks[0]?.deadlineId,
    ])) as { op: string; payload: { ruleId?: string; startAt?: string } }[];
    expect(commands).toEqual([
      {
        op: 'open',
        payload: expect.objectContaining({ ruleId: 'calworks.wtw.ab2300-exemption', startAt: '2026-03-12T00:00:00.000-07:00' }),
      },
    ]);
    const after = await h.verify.execute(worker(LA), p.id, ex?.id ?? '', {
      outcome: 'not-verified',
      source: 'birth-or-placement-record',
      verifiedOn: '2026-03-20',
    });
    expect(after.clocks[0]?.tracked).toBe('cancelled');
    expect((await h.participant.execute(worker(LA), p.id)).clocks[0]).toMatchObject({ tracked: 'cancelled', purpose: 'ab2300-exemption' });
  });

  it('supportive services in order; one open Family Stabilization referral', async () => {
    const au = await h.createAu.execute(worker(LA), household() as never);
    const p = await h.enroll.execute(worker(LA), au.id, { memberId: au.members[0]?.memberId ?? '', enrolledOn: '2026-02-01' });
    const care = await h.service.execute(worker(LA), p.id, {
      type: 'child-care',
      requestedOn: '2026-02-02',
      authorizedOn: '2026-02-03',
      inPlaceOn: '2026-02-05',
    });
    expect(care.supportiveServices).toEqual([expect.objectContaining({ type: 'child-care', status: 'in-place' })]);
    expect(
      await problemOf(h.service.execute(worker(LA), p.id, { type: 'transportation', requestedOn: '2026-02-02', inPlaceOn: '2026-02-05' })),
    ).toMatchObject({
      status: 409,
    });
    await h.familyStabilization.execute(worker(LA), p.id, { reason: 'homelessness', referredOn: '2026-02-02' });
    expect(
      await problemOf(h.familyStabilization.execute(worker(LA), p.id, { reason: 'domestic-violence', referredOn: '2026-02-03' })),
    ).toMatchObject({
      status: 409,
    });
    expect(await count('supportive_services', 'participant_id = $1', [p.id])).toBe(1);
    // The service as Linkages sees it (type and status, in place since); the refused one is not published.
    const requested = await h.service.execute(worker(LA), p.id, { type: 'transportation', requestedOn: '2026-02-06' });
    expect(await h.events(au.id, 'supportive-service-changed')).toEqual([
      [
        'supportive-service-changed',
        {
          serviceId: care.supportiveServices[0]?.id,
          participantId: p.id,
          auId: au.id,
          familyId: au.id,
          type: 'child-care',
          status: 'in-place',
          inPlaceOn: '2026-02-05',
          changedOn: '2026-02-05',
        },
      ],
      [
        'supportive-service-changed',
        {
          serviceId: requested.supportiveServices.find((x) => x.type === 'transportation')?.id,
          participantId: p.id,
          auId: au.id,
          familyId: au.id,
          type: 'transportation',
          status: 'requested',
          changedOn: '2026-02-06',
        },
      ],
    ]);
    expect(await count('family_stabilization_referrals', 'participant_id = $1', [p.id])).toBe(1);
  });
});
