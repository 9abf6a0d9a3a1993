import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  casePlanFiledEvent,
  childRemovedEvent,
  frServicesGoodCauseGrantedEvent,
  removalMembersProposedEvent,
} from '@linkages/shared-contracts';
import { waitFor } from '@linkages/platform-testing';
import { problemOf, worker } from '../household/household.spec-helper';
import { startFrApi } from './fr-window-api.spec-helper';

// Child welfare's events on Kafka → the CalWORKs inbox → the FR aid process (time-skipping server, its clocks real
// deadline workflows) → temporary absence → the plan recommending cash aid → the AB 135 window, read through the use
// cases with every date explained. The removal happens "now" (the server's clock starts at the real time), so the
// expected dates are worked out from it by the rule: the absence month is the removal's month when it starts on the
// 1st, else the next; a grant not on the 1st leaves its month prorated, then six full months.
const SC = '06085';
const LA = '06037';
const zone = 'America/Los_Angeles';
const applicant = { role: 'applicant', firstName: 'Test', lastName: 'Reunify', dateOfBirth: '1991-03-04', needy: true, aided: true };
const household = (caseNumber: string) => ({
  caseNumber,
  aidedStatus: 'aided',
  aidedFrom: '2026-01-01',
  grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
  members: [applicant, { ...applicant, role: 'child', firstName: 'Kid', dateOfBirth: '2021-06-01' }],
});
type H = Awaited<ReturnType<typeof startFrApi>>;
let h: H;

describe('CalWORKs FR aid window from child welfare’s events (Kafka, inbox, time-skipping server, use cases)', () => {
  beforeAll(async () => {
    h = await startFrApi();
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  });

  // First, while the test server's clock is still the real time: TrackedDeadlines judges a fact's instant against the
  // real clock, and the later tests move the server's clock months ahead.
  it('AB 429: the EW records a redetermination through the API, and child welfare’s good cause on Kafka continues the services past their period', async () => {
    const ew = worker(SC);
    const caseNumber = `CW-${randomBytes(5).toString('hex')}`;
    const au = await h.createAu.execute(ew, household(caseNumber) as never);
    const [parent, child] = au.members;
    await h.enroll.execute(ew, au.id, { memberId: parent?.memberId ?? '', enrolledOn: '2026-02-01' });
    const familyId = randomUUID();
    const caseId = randomUUID();
    const removalId = randomUUID();
    const removedAt = DateTime.fromMillis(await h.env.currentTimeMs(), { zone });
    const today = removedAt.toISODate() ?? '';
    await h.publish(
      childRemovedEvent,
      {
        removalId,
        familyId,
        childId: randomUUID(),
        caseId,
        removedAt: removedAt.toISO() ?? '',
        allChildrenRemoved: true,
        calworksCaseNumber: caseNumber,
      },
      SC,
    );
    await waitFor(async () => (await h.removal.execute(ew, removalId).catch(() => undefined))?.temporaryAbsence, { what: 'absence' });
    // No AB 429 services yet: nothing to redetermine (409, nothing changed).
    expect(await problemOf(h.redetermine.execute(ew, removalId, { completedOn: today }))).toMatchObject({ status: 409 });
    await h.confirm.execute(ew, removalId, {
      removedMemberIds: [child?.memberId ?? ''],
      parentMemberId: parent?.memberId ?? '',
      parentWtwSanctioned: false,
      exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
    });
    await h.publish(
      casePlanFiledEvent,
      {
        casePlanId: randomUUID(),
        caseId,
        familyId,
        kind: 'initial',
        filedOn: today,
        nextUpdateDue: removedAt.plus({ months: 6 }).toISODate() ?? '',
        recommendsCashAid: false,
        recommendsAb429Services: true,
        calworksCaseNumber: caseNumber,
      },
      SC,
    );
    const running = await waitFor(
      async () => {
        await h.settle();
        const v = await h.removal.execute(ew, removalId);
        return v.ab429 && v.clocks.some((c) => c.purpose === 'ab429-redetermination-1') ? v : undefined;
      },
      { what: 'AB 429 services and their clocks', timeoutMs: 30_000 },
    );
    expect(running.ab429).toMatchObject({ status: 'active', redeterminationRound: 1, goodCauseThrough: null, lastRedeterminationOn: null });
    const periodEnd = running.clocks.find((c) => c.purpose === 'ab429-services')?.dueDate ?? '';
    expect(periodEnd).not.toBe('');

    // Bad requests change nothing: a date before the services started, another county's removal.
    const before = removedAt.minus({ days: 1 }).toISODate() ?? '';
    expect(await problemOf(h.redetermine.execute(ew, removalId, { completedOn: before }))).toMatchObject({ status: 409 });
    expect(await problemOf(h.redetermine.execute(worker(LA), removalId, { completedOn: today }))).toMatchObject({ status: 404 });

    // Completed today, on time: round 1 met, round 2 six months from today, explained.
    const done = await h.redetermine.execute(ew, removalId, { completedOn: today });
    expect(done.ab429).toMatchObject({ redeterminationRound: 2, lastRedeterminationOn: today });
    const rounds = await waitFor(
      async () => {
        await h.settle();
        const v = await h.removal.execute(ew, removalId);
        const r1 = v.clocks.find((c) => c.purpose === 'ab429-redetermination-1');
        const r2 = v.clocks.find((c) => c.purpose === 'ab429-redetermination-2');
        return r1?.status === 'satisfied' && r2?.explanation ? { v, r2 } : undefined;
      },
      { what: 'round 1 met, round 2 explained', timeoutMs: 30_000 },
    );
    expect(rounds.r2).toMatchObject({ ruleId: 'calworks.fr.ab429-redetermination', dueDate: rounds.v.ab429?.redeterminationDueOn });
    expect(rounds.r2.explanation).toContain('6 calendar months');

    // Child welfare grants good cause 30 days past the period (on Kafka, as its outbox relay sends it).
    const through = DateTime.fromISO(periodEnd, { zone }).plus({ days: 30 }).toISODate() ?? '';
    await h.publish(
      frServicesGoodCauseGrantedEvent,
      { familyId, caseId, grantedOn: today, continuesThrough: through, calworksCaseNumber: caseNumber },
      SC,
    );
    const extended = await waitFor(
      async () => {
        await h.settle();
        const v = await h.removal.execute(ew, removalId);
        const services = v.clocks.find((c) => c.purpose === 'ab429-services');
        return v.ab429?.goodCauseThrough && services?.dueDate === through ? { v, services } : undefined;
      },
      { what: 'the services clock moved to the good cause', timeoutMs: 30_000 },
    );
    expect(extended.v.ab429).toMatchObject({ goodCauseGrantedOn: today, goodCauseThrough: through, status: 'active' });
    expect(extended.services.explanation).toContain('good cause found by child welfare services');
    const continued = (await h.events(familyId)).filter(([n]) => n === 'ab429-services-continued').map(([, p]) => p.basis);
    expect(continued).toEqual(['reunification-plan', 'cws-good-cause-extension']);
  }, 180_000);

  it('child-removed on Kafka → temporary absence → escalated → recommendation → window, every date explained', async () => {
    const ew = worker(SC);
    const caseNumber = `CW-${randomBytes(5).toString('hex')}`;
    const au = await h.createAu.execute(ew, household(caseNumber) as never);
    const [parent, child] = au.members;
    await h.enroll.execute(ew, au.id, { memberId: parent?.memberId ?? '', enrolledOn: '2026-02-01' });
    const familyId = randomUUID();
    const caseId = randomUUID();
    const removalId = randomUUID();
    const removedAt = DateTime.fromMillis(await h.env.currentTimeMs(), { zone });
    await h.publish(
      childRemovedEvent,
      {
        removalId,
        familyId,
        childId: randomUUID(),
        caseId,
        removedAt: removedAt.toISO() ?? '',
        allChildrenRemoved: true,
        calworksCaseNumber: caseNumber,
      },
      SC,
    );
    const absenceEnd = (removedAt.day === 1 ? removedAt : removedAt.plus({ months: 1 })).endOf('month');
    const started = await waitFor(
      async () => {
        const v = await h.removal.execute(ew, removalId).catch(() => undefined);
        return v?.temporaryAbsence ? v : undefined;
      },
      { what: 'temporary absence', timeoutMs: 30_000 },
    );
    expect(started).toMatchObject({ auId: au.id, status: 'temporary-absence', temporaryAbsence: { endsOn: absenceEnd.toISODate() } });

    // The eligibility worker confirms the removed child; the AU's facts come from the household.
    const confirmed = await h.confirm.execute(ew, removalId, {
      removedMemberIds: [child?.memberId ?? ''],
      parentMemberId: parent?.memberId ?? '',
      parentWtwSanctioned: false,
      exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
    });
    expect(confirmed.memberConfirmation).toMatchObject({ status: 'confirmed', refusalCode: null });
    // Confirmed once: a second confirmation is refused and changes nothing.
    const again = await problemOf(
      h.confirm.execute(ew, removalId, {
        removedMemberIds: [child?.memberId ?? ''],
        parentMemberId: parent?.memberId ?? '',
        parentWtwSanctioned: false,
        exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
      }),
    );
    expect(again).toMatchObject({ status: 409, type: expect.stringContaining('impossible-sequence') });
    // Another county's record is absent.
    expect(await problemOf(h.removal.execute(worker(LA), removalId))).toMatchObject({ status: 404 });

    // The absence month ends with no recommendation: escalated.
    await h.sleep(absenceEnd.plus({ hours: 10 }).toMillis() - (await h.env.currentTimeMs()));
    const escalated = await waitFor(
      async () => {
        const v = await h.removal.execute(ew, removalId);
        return v.recommendationEscalatedAt ? v : undefined;
      },
      { what: 'escalation' },
    );
    expect(escalated.status).toBe('awaiting-recommendation');

    // Child welfare's plan recommending cash aid, on the 10th of the next month: the grant date, its month prorated.
    const filedOn = absenceEnd.plus({ days: 10 }).startOf('day');
    await h.sleep(filedOn.plus({ hours: 11 }).toMillis() - (await h.env.currentTimeMs()));
    await h.publish(
      casePlanFiledEvent,
      {
        casePlanId: randomUUID(),
        caseId,
        familyId,
        kind: 'initial',
        filedOn: filedOn.toISODate() ?? '',
        nextUpdateDue: filedOn.plus({ months: 6 }).toISODate() ?? '',
        recommendsCashAid: true,
        recommendsAb429Services: false,
        calworksCaseNumber: caseNumber,
      },
      SC,
    );
    const endsOn = filedOn.plus({ months: 6 }).endOf('month').toISODate();
    const open = await waitFor(
      async () => {
        await h.settle();
        const v = await h.removal.execute(ew, removalId);
        return v.window && v.clocks.some((c) => c.purpose === 'ab135-window' && c.explanation) ? v : undefined;
      },
      { what: 'window explained', timeoutMs: 30_000 },
    );
    expect(open.status).toBe('window-open');
    expect(open.window).toMatchObject({ program: 'ab135-cash-aid', startsOn: filedOn.toISODate(), endsOn });
    expect(open.window?.startExplanation.join(' ')).toContain('prorated');
    const windowClock = open.clocks.find((c) => c.purpose === 'ab135-window');
    expect(windowClock).toMatchObject({ ruleId: 'calworks.fr.ab135-window', dueDate: endsOn, citation: 'WIC 11203(b); ACL 25-05' });
    expect(windowClock?.explanation).toContain('prorated');
    expect(open.clocks.map((c) => c.purpose)).toEqual(
      expect.arrayContaining(['member-confirmation', 'temporary-absence', 'cash-aid-recommendation']),
    );
    expect((await h.events(familyId)).map(([n]) => n).filter((n) => !n.startsWith('gov.'))).toEqual([
      'temporary-absence-started',
      'removal-members-confirmed',
      'linkages-priority-flagged',
      'fr-aid-window-opened',
    ]);
  }, 240_000);

  it('an unknown case number goes to the review list with a clock; matched to the AU, the process goes on', async () => {
    const ew = worker(SC);
    const au = await h.createAu.execute(ew, household(`CW-${randomBytes(5).toString('hex')}`) as never);
    const removalId = randomUUID();
    const familyId = randomUUID();
    const removedAt = DateTime.fromMillis(await h.env.currentTimeMs(), { zone }).toISO() ?? '';
    const unknown = `CW-UNKNOWN-${randomBytes(3).toString('hex')}`;
    await h.publish(
      childRemovedEvent,
      {
        removalId,
        familyId,
        childId: randomUUID(),
        caseId: randomUUID(),
        removedAt,
        allChildrenRemoved: true,
        calworksCaseNumber: unknown,
      },
      SC,
    );
    const entry = await waitFor(async () => (await h.reviewList.execute(ew)).find((r) => r.removalId === removalId), {
      what: 'review entry',
    });
    expect(entry).toMatchObject({ caseNumber: unknown, status: 'open', matchedAuId: null });
    await h.settle();
    const waiting = await h.removal.execute(ew, removalId);
    expect(waiting).toMatchObject({ status: 'awaiting-au-match', auId: null, temporaryAbsence: null });
    expect(await h.reviewList.execute(worker(LA))).toEqual([]);

    const matched = await h.match.execute(ew, entry.reviewId, { auId: au.id });
    expect(matched.auId).toBe(au.id);
    const going = await waitFor(
      async () => {
        const v = await h.removal.execute(ew, removalId);
        return v.temporaryAbsence ? v : undefined;
      },
      { what: 'temporary absence after the match' },
    );
    expect(going.status).toBe('temporary-absence');
    expect((await h.reviewList.execute(ew)).some((r) => r.removalId === removalId)).toBe(false);
    expect(await problemOf(h.match.execute(ew, entry.reviewId, { auId: au.id }))).toMatchObject({ status: 409 });
  }, 120_000);

  it('Linkages proposes the removal’s AU members on Kafka: kept on the member confirmation and shown; the worker still confirms', async () => {
    const ew = worker(SC);
    const caseNumber = `CW-${randomBytes(5).toString('hex')}`;
    const au = await h.createAu.execute(ew, {
      ...household(caseNumber),
      members: [...household(caseNumber).members, { ...applicant, role: 'child', firstName: 'Sib', dateOfBirth: '2019-02-02' }],
    } as never);
    const [parent, child, sibling] = au.members;
    const other = await h.createAu.execute(ew, household(`CW-${randomBytes(5).toString('hex')}`) as never);
    const familyId = randomUUID();
    const removalId = randomUUID();
    const removedAt = DateTime.fromMillis(await h.env.currentTimeMs(), { zone });
    await h.publish(
      childRemovedEvent,
      {
        removalId,
        familyId,
        childId: randomUUID(),
        caseId: randomUUID(),
        removedAt: removedAt.toISO() ?? '',
        allChildrenRemoved: false,
        calworksCaseNumber: caseNumber,
      },
      SC,
    );
    await waitFor(async () => (await h.removal.execute(ew, removalId).catch(() => undefined))?.memberConfirmation, {
      what: 'confirmation',
    });
    const linkagesFamilyId = randomUUID();
    const propose = (memberIds: string[], at: DateTime, auId = au.id) =>
      h.publish(
        removalMembersProposedEvent,
        { familyId: linkagesFamilyId, removalId, auId, proposedMemberIds: memberIds, linkIds: [randomUUID()], at: at.toISO() ?? '' },
        SC,
        'referrals',
      );
    // A member of another AU (or none of this one) is never kept.
    await propose([child?.memberId ?? '', other.members[1]?.memberId ?? ''], removedAt.plus({ minutes: 5 }));
    const proposed = await waitFor(
      async () => {
        const v = await h.removal.execute(ew, removalId);
        return v.memberConfirmation?.proposedMemberIds.length ? v : undefined;
      },
      { what: 'the proposal' },
    );
    expect(proposed.memberConfirmation).toEqual({
      status: 'pending',
      confirmedAt: null,
      removedMemberIds: [],
      refusalCode: null,
      proposedMemberIds: [child?.memberId],
      proposedAt: removedAt.plus({ minutes: 5 }).toUTC().toISO(),
    });
    // An older proposal arriving late, and one for another AU than the case number found, change nothing.
    const late = await propose([sibling?.memberId ?? ''], removedAt.plus({ minutes: 1 }));
    const elsewhere = await propose([other.members[1]?.memberId ?? ''], removedAt.plus({ minutes: 9 }), other.id);
    await waitFor(
      async () =>
        (
          (await h.dataSource.query(`SELECT count(*)::int AS n FROM calworks.inbox WHERE event_id = ANY($1)`, [
            [late.id, elsewhere.id],
          ])) as {
            n: number;
          }[]
        )[0]?.n === 2,
      { what: 'both proposals consumed' },
    );
    expect((await h.removal.execute(ew, removalId)).memberConfirmation).toMatchObject({
      status: 'pending',
      proposedMemberIds: [child?.memberId],
    });
    // The worker confirms by hand (here both children, not only the proposed one): what they confirm is what counts.
    const confirmed = await h.confirm.execute(ew, removalId, {
      removedMemberIds: [child?.memberId ?? '', sibling?.memberId ?? ''],
      parentMemberId: parent?.memberId ?? '',
      parentWtwSanctioned: false,
      exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
    });
    expect(confirmed.memberConfirmation).toMatchObject({
      status: 'confirmed',
      removedMemberIds: [child?.memberId, sibling?.memberId],
      proposedMemberIds: [child?.memberId],
    });
    const done = await waitFor(async () => (await h.events(familyId)).find(([n]) => n === 'removal-members-confirmed'), {
      what: 'removal-members-confirmed',
    });
    expect(done[1]).toEqual({
      removalId,
      auId: au.id,
      familyId,
      confirmedAt: expect.any(String),
      removedMemberCount: 2,
      memberIds: [child?.memberId, sibling?.memberId],
    });
  }, 120_000);

  it('a proposal before the process asked for the confirmation makes the pending task with it; an unknown removal is ignored', async () => {
    const ew = worker(SC);
    const au = await h.createAu.execute(ew, household(`CW-${randomBytes(5).toString('hex')}`) as never);
    const child = au.members[1]?.memberId ?? '';
    // The removal as the child-removed handler records it, before the process's first step ran.
    const removalId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO calworks.fr_removals (removal_id, county_code, family_id, case_id, child_id, au_id, removed_at, all_children_removed, status, refusals, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), true, 'temporary-absence', '[]', now())`,
      [removalId, SC, randomUUID(), randomUUID(), randomUUID(), au.id],
    );
    const unknownRemoval = randomUUID();
    const at = DateTime.fromMillis(await h.env.currentTimeMs(), { zone });
    const events: { id: string }[] = [];
    for (const id of [removalId, unknownRemoval])
      events.push(
        await h.publish(
          removalMembersProposedEvent,
          { familyId: randomUUID(), removalId: id, auId: au.id, proposedMemberIds: [child], linkIds: [randomUUID()], at: at.toISO() ?? '' },
          SC,
          'referrals',
        ),
      );
    await waitFor(
      async () =>
        (
          (await h.dataSource.query(`SELECT count(*)::int AS n FROM calworks.inbox WHERE event_id = ANY($1)`, [
            events.map((e) => e.id),
          ])) as {
            n: number;
          }[]
        )[0]?.n === 2,
      { what: 'both proposals consumed' },
    );
    expect(
      await h.dataSource.query(
        `SELECT removal_id, status, au_id, proposed_member_ids, confirmed_at FROM calworks.fr_member_confirmations WHERE removal_id = ANY($1)`,
        [[removalId, unknownRemoval]],
      ),
    ).toEqual([{ removal_id: removalId, status: 'pending', au_id: au.id, proposed_member_ids: [child], confirmed_at: null }]);
  }, 60_000);

  it('a removal whose event named no case number: Linkages’ proposal with the removal (1.1) starts its FR process for the AU it found', async () => {
    const ew = worker(SC);
    const au = await h.createAu.execute(ew, household(`CW-${randomBytes(5).toString('hex')}`) as never);
    const child = au.members[1]?.memberId ?? '';
    const removalId = randomUUID();
    const familyId = randomUUID();
    const removedAt = DateTime.fromMillis(await h.env.currentTimeMs(), { zone });
    // Child welfare's event without a case number: CalWORKs cannot tell whose it is, and records nothing.
    const removed = await h.publish(
      childRemovedEvent,
      { removalId, familyId, childId: randomUUID(), caseId: randomUUID(), removedAt: removedAt.toISO() ?? '', allChildrenRemoved: true },
      SC,
    );
    await waitFor(
      async () =>
        ((await h.dataSource.query(`SELECT 1 FROM calworks.inbox WHERE event_id = $1`, [removed.id])) as unknown[]).length > 0 || undefined,
      { what: 'the removal consumed' },
    );
    expect(await h.dataSource.query(`SELECT 1 FROM calworks.fr_removals WHERE removal_id = $1`, [removalId])).toEqual([]);
    // Linkages found the family by matching and proposes the child, with the removal as child welfare reported it.
    const caseId = randomUUID();
    await h.publish(
      removalMembersProposedEvent,
      {
        familyId: randomUUID(),
        removalId,
        auId: au.id,
        proposedMemberIds: [child],
        linkIds: [randomUUID()],
        removal: { cwsFamilyId: familyId, caseId, childId: randomUUID(), removedAt: removedAt.toISO() ?? '', allChildrenRemoved: true },
        at: removedAt.plus({ minutes: 2 }).toISO() ?? '',
      },
      SC,
      'referrals',
    );
    const started = await waitFor(
      async () => {
        const v = await h.removal.execute(ew, removalId).catch(() => undefined);
        return v?.temporaryAbsence && v.memberConfirmation?.proposedMemberIds.length ? v : undefined;
      },
      { what: 'the FR process started from the proposal' },
    );
    expect(started).toMatchObject({
      auId: au.id,
      status: 'temporary-absence',
      memberConfirmation: { status: 'pending', proposedMemberIds: [child] },
    });
    // The process is the removal's own, as child welfare's case facts will find it.
    expect(await h.dataSource.query(`SELECT case_id FROM calworks.fr_removals WHERE removal_id = $1`, [removalId])).toEqual([
      { case_id: caseId },
    ]);
    expect((await h.events(familyId)).map(([n]) => n)).toContain('temporary-absence-started');
  }, 60_000);
});
