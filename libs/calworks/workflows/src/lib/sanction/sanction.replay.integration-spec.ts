import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { historyStore } from '@linkages/platform-testing';
import {
  compliancePlanOutcomeUpdate,
  compliancePlanUpdate,
  cureCompletedUpdate,
  cureRequestUpdate,
  curePlanUpdate,
  goodCauseUpdate,
  linkagesKnownSignal,
  supervisorReviewUpdate,
} from './sanction.messages';
import { createSanctionHarness } from './sanction-harness.spec-helper';

// Saved histories of the sanction workflow, replayed against the current code on every test run. A change that alters
// the commands of in-flight runs fails here; make it with patched()/deprecatePatch() instead. Refresh after an intended,
// patched change: REFRESH_HISTORIES=1 npx jest <this file> records every scenario but writes only the histories not
// saved yet (REFRESH_HISTORIES_OVERWRITE=1 rewrites them too, which loses what they prove).
const dir = join(__dirname, '..', '..', '..', 'histories');
const store = historyStore(dir, 'sanction-');
const EC = '33333333-3333-4333-8333-333333333333';

async function recordHistories(): Promise<void> {
  const h = await createSanctionHarness();
  try {
    // Good cause on day 5.
    await h.travelTo('2027-01-06T13:00');
    const goodCause = await h.start(h.input({ noticeIssuedOn: '2027-01-06' }));
    await h.travelTo('2027-01-11T10:00');
    await goodCause.executeUpdate(goodCauseUpdate, { args: [{ ground: 'exempt-eligible', determinedOn: '2027-01-11', by: EC }] });
    await h.finished(goodCause);
    await store.save('good-cause-day-5', goodCause);

    // Plan signed on day 19, failed (NA 817), sanction imposed, cured in the next month; Linkages flag and proposal.
    await h.travelTo('2027-02-01T13:00');
    const cured = await h.start(h.input({ noticeIssuedOn: '2027-02-01' }));
    await cured.signal(linkagesKnownSignal, {
      eventId: '5d0c3a6e-1f2b-4c3d-8e4f-5a6b7c8d9e0f',
      source: 'case-opened',
      knownOn: '2027-02-01',
      casePlanActivityConflict: true,
    });
    await h.travelTo('2027-02-20T11:00');
    await cured.executeUpdate(compliancePlanUpdate, { args: [{ signedOn: '2027-02-20', planEndsOn: '2027-03-20', by: EC }] });
    await h.travelTo('2027-03-03T10:00');
    await cured.executeUpdate(compliancePlanOutcomeUpdate, { args: [{ outcome: 'failed', on: '2027-03-03', by: EC }] });
    await h.travelTo('2027-03-04T09:00');
    await cured.executeUpdate(supervisorReviewUpdate, { args: [{ decision: 'sanction', reviewedOn: '2027-03-04', by: EC }] });
    await h.travelTo('2027-04-05T10:00');
    await cured.executeUpdate(cureRequestUpdate, { args: [{ contactOn: '2027-04-05', childCareNeeded: false, by: EC }] });
    await cured.executeUpdate(curePlanUpdate, { args: [{ signedOn: '2027-04-05', by: EC }] });
    await h.travelTo('2027-04-20T10:00');
    await cured.executeUpdate(cureCompletedUpdate, { args: [{ completedOn: '2027-04-20', by: EC }] });
    await h.finished(cured);
    await store.save('plan-failed-sanctioned-cured', cured);

    // Day 20 → request; never reviewed; day 60 → good cause, months unticked.
    await h.travelTo('2027-09-01T13:00');
    const guard = await h.start(h.input({ noticeIssuedOn: '2027-09-01' }));
    await h.travelTo('2027-09-22T00:05');
    await h.viewWhen(guard, (v) => v.state.status === 'sanction-requested', 'sanction requested');
    await h.travelTo('2027-11-01T00:05');
    await h.finished(guard);
    await store.save('untick-guard-day-60', guard);

    // In flight: sanctioned, waiting for a cure.
    await h.travelTo('2027-12-01T13:00');
    const waiting = await h.start(h.input({ noticeIssuedOn: '2027-12-01' }));
    await h.travelTo('2027-12-22T10:00');
    await h.viewWhen(waiting, (v) => v.state.status === 'sanction-requested', 'sanction requested');
    await waiting.executeUpdate(supervisorReviewUpdate, { args: [{ decision: 'sanction', reviewedOn: '2027-12-22', by: EC }] });
    await store.save('sanctioned-in-flight', waiting);
  } finally {
    await h.close();
  }
}

describe('sanction workflow replay over saved histories', () => {
  beforeAll(async () => {
    if (process.env['REFRESH_HISTORIES'] === '1') await recordHistories();
  }, 300_000);

  it('has saved histories to replay', () => {
    expect(existsSync(dir) ? store.list().length : 0).toBeGreaterThanOrEqual(4);
  });

  it('replays every saved history with the current workflow code', async () => {
    const results = await store.replay(require.resolve('../../index.ts'), 'sanction-replay');
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(
      results.map((r) => ({ workflowId: r.workflowId, error: undefined })),
    );
  }, 120_000);

  it('fails when the workflow changes non-deterministically', async () => {
    const results = await store.replay(require.resolve('./sanction.nondeterministic.spec-helper.ts'), 'sanction-replay');
    expect(results.length).toBeGreaterThanOrEqual(4);
    for (const r of results) expect(r.error?.name).toBe('DeterminismViolationError');
  }, 120_000);
});
