import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { problemOf, worker } from '../household/household.spec-helper';
import { todayInCalifornia } from '../household/household.schemas';
import { startSanctionApi } from './sanction-api.spec-helper';

// The sanction API's use cases end to end below HTTP: a real AU and WTW participant, the episode's process in the
// time-skipping server with its clocks as real deadline workflows, refusals that change nothing, county scope,
// every date explained. The episode starts today (the server's clock starts at the real time).
const LA = '06037';
const SC = '06085';
const applicant = { role: 'applicant', firstName: 'Test', lastName: 'Sanction', dateOfBirth: '1990-04-02', needy: true, aided: true };
const household = () => ({
  caseNumber: `CW-${randomBytes(5).toString('hex')}`,
  aidedStatus: 'aided',
  aidedFrom: '2026-01-01',
  grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
  members: [applicant, { ...applicant, role: 'child', firstName: 'Kid', dateOfBirth: '2020-06-01' }],
});
type H = Awaited<ReturnType<typeof startSanctionApi>>;
let h: H;

describe('CalWORKs sanction API use cases (real PostgreSQL, time-skipping server, real deadline workflows)', () => {
  beforeAll(async () => {
    h = await startSanctionApi();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('opens an episode, refuses bad input without change, flags Linkages, requests, imposes and lifts a sanction', async () => {
    const ew = worker(LA);
    const au = await h.createAu.execute(ew, household() as never);
    const participant = await h.enroll.execute(ew, au.id, { memberId: au.members[0]?.memberId ?? '', enrolledOn: '2026-02-01' });
    const today = todayInCalifornia();
    const day20 = DateTime.fromISO(today).plus({ days: 20 });
    const opened = await h.open.execute(ew, participant.id, {
      noticeForm: 'NA 840',
      noticeIssuedOn: today,
      reason: 'activity-not-attended',
    });
    const episodeId = opened.episodeId;
    expect(opened).toMatchObject({ status: 'compliance-period', auId: au.id, noticeIssuedOn: today });
    expect(opened.compliancePeriod.explanation).toContain('20 calendar days');
    expect(
      await problemOf(h.open.execute(ew, participant.id, { noticeForm: 'NA 840', noticeIssuedOn: today, reason: 'plan-not-signed' })),
    ).toMatchObject({
      status: 409,
      type: 'impossible-sequence',
    });
    expect(await problemOf(h.episode.execute(worker(SC), episodeId))).toMatchObject({ status: 404 });
    expect(await problemOf(h.goodCause.execute(ew, episodeId, { ground: 'overslept', determinedOn: today }))).toMatchObject({
      status: 409,
      detail: expect.stringContaining("'overslept' is not a good-cause ground"),
    });
    expect(await problemOf(h.cure.execute(ew, episodeId, { contactOn: today, childCareNeeded: false }))).toMatchObject({
      status: 409,
      detail: expect.stringContaining('no sanction to cure'),
    });

    // Child welfare removed a child of this AU (the inbox handler finds the AU by case number and calls this).
    await h.settle();
    expect(
      await h.linkages.familyKnown(h.dataSource.manager, au.id, {
        source: 'child-removed',
        eventId: randomUUID(),
        knownOn: today,
        casePlanActivityConflict: true,
      }),
    ).toEqual([episodeId]);
    await h.settle();
    const flagged = await h.episode.execute(ew, episodeId);
    expect(flagged).toMatchObject({
      status: 'compliance-period',
      linkages: { source: 'child-removed', goodCauseProposedOn: today },
      goodCause: null,
    });
    expect(flagged.clocks.map((c) => [c.purpose, c.ruleId, c.tracked])).toEqual([
      ['compliance-period', 'calworks.wtw.compliance-period', 'open'],
      ['untick-guard', 'calworks.wtw.untick-guard', 'open'],
    ]);
    expect(flagged.clocks[0]?.explanation).toContain('ACL 03-59');

    // Day 20 passes with neither good cause nor a plan: the clock tells the process, which asks for a sanction.
    const afterDay20 = DateTime.fromISO(`${day20.toISODate()}T00:05`, { zone: 'America/Los_Angeles' }).plus({ days: 1 });
    await h.sleep(afterDay20.toMillis() - (await h.env.currentTimeMs()));
    await h.settle();
    const requested = await h.episode.execute(ew, episodeId);
    expect(requested.status).toBe('sanction-requested');
    const review = requested.clocks.find((c) => c.purpose === 'sanction-review');
    expect(review).toMatchObject({ ruleId: 'calworks.wtw.sanction-review', tracked: 'open' });
    expect(review?.explanation).toContain('1 business day');

    const reviewedOn = afterDay20.toISODate() ?? '';
    const imposed = await h.review.execute(worker(LA, 'it-cwes-supervisor'), episodeId, { decision: 'sanction', reviewedOn });
    expect(imposed.sanction?.effectiveExplanation).toContain('MPP 22-072');
    expect(await problemOf(h.compliancePlan.execute(ew, episodeId, { signedOn: reviewedOn, planEndsOn: reviewedOn }))).toMatchObject({
      status: 409,
      detail: expect.stringContaining('after the sanction is imposed'),
    });
    await h.cure.execute(ew, episodeId, { contactOn: reviewedOn, childCareNeeded: false });
    await h.curePlan.execute(ew, episodeId, { signedOn: reviewedOn });
    const lifted = await h.cured.execute(ew, episodeId, { completedOn: reviewedOn });
    expect(lifted).toMatchObject({ status: 'resolved', resolution: { kind: 'lifted' }, sanction: { status: 'lifted' } });
    expect(await h.episodes.execute(ew, participant.id)).toEqual([
      { episodeId, noticeForm: 'NA 840', noticeIssuedOn: today, status: 'resolved', resolution: 'lifted' },
    ]);
    const audit = (await h.dataSource.query(
      `SELECT action, outcome FROM calworks.audit_log WHERE record_id = $1 AND outcome = 'allowed' ORDER BY seq`,
      [episodeId],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'read', 'read', 'update', 'update', 'update', 'update']);
  }, 180_000);
});
