import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { historyStore } from '@linkages/platform-testing';
import { createFrHarness } from './fr-aid-window.harness.spec-helper';

// Saved histories of the FR aid process, replayed against the current code on every test run. A change that alters
// the commands of in-flight runs fails here; make it with patched()/deprecatePatch() instead. Record the missing ones
// with REFRESH_HISTORIES=1 npx jest <this file> (REFRESH_HISTORIES_OVERWRITE=1 rewrites the saved ones too).
const dir = join(__dirname, '..', '..', '..', 'histories');
const store = historyStore(dir, 'fr-aid-window-');
const uuid = () => globalThis.crypto.randomUUID();

async function recordHistories(): Promise<void> {
  const fr = await createFrHarness();
  const plan = (filedOn: string, planKind: 'initial' | 'update' = 'initial') =>
    ({ kind: 'case-plan-filed', casePlanId: uuid(), filedOn, planKind, recommendsCashAid: true, recommendsAb429Services: false }) as const;
  try {
    const family = uuid();
    const caseId = uuid();
    // Escalated (no plan at the end of the absence month), granted mid-month, ended after six full months.
    await fr.h.travelTo('2027-03-15T10:05:00-07:00');
    const a = await fr.removed({ familyId: family, caseId, removedAt: '2027-03-15T10:00:00-07:00' });
    await fr.until(a.handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(a.handle);
    await fr.h.travelTo('2027-05-12T11:00:00-07:00');
    await fr.until(a.handle, 'escalated', (v) => v.recommendationEscalatedAt !== undefined);
    await fr.fact(a.handle, plan('2027-05-12'));
    await fr.until(a.handle, 'window', (v) => v.window !== undefined);
    await fr.h.travelTo('2027-12-01T09:00:00-08:00');
    await fr.until(a.handle, 'closed', (v) => v.status === 'closed');
    await store.save('escalated-mid-month-window-ended', a.handle);

    // Granted on the 1st; a trial home visit, then the return home in month 4; a redelivered event.
    await fr.h.travelTo('2027-12-15T10:05:00-08:00');
    const b = await fr.removed({ familyId: family, caseId, removedAt: '2027-12-15T10:00:00-08:00' });
    await fr.until(b.handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(b.handle);
    await fr.h.travelTo('2028-01-10T10:00:00-08:00');
    const eventId = uuid();
    await fr.fact(b.handle, plan('2028-01-10'), eventId);
    await fr.fact(b.handle, plan('2028-01-10'), eventId);
    await fr.h.travelTo('2028-04-10T10:00:00-07:00');
    await fr.until(b.handle, 'window', (v) => v.window !== undefined);
    await fr.fact(b.handle, { kind: 'child-reunified', childId: uuid(), returnedOn: '2028-04-10', trialHomeVisit: true });
    await fr.h.travelTo('2028-05-20T10:00:00-07:00');
    await fr.fact(b.handle, { kind: 'child-reunified', childId: uuid(), returnedOn: '2028-05-20', trialHomeVisit: false });
    await fr.until(b.handle, 'closed', (v) => v.status === 'closed');
    await store.save('first-of-month-returned-home', b.handle);

    // Not eligible: a non-needy caretaker relative; then the case closes.
    await fr.h.travelTo('2028-06-10T10:05:00-07:00');
    const c = await fr.removed({ familyId: uuid(), caseId: uuid(), removedAt: '2028-06-10T10:00:00-07:00' });
    await fr.until(c.handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(c.handle, { caretakerNeedy: false, caretakerRole: 'caretaker-relative' });
    await fr.fact(c.handle, plan('2028-06-20'));
    await fr.h.travelTo('2028-08-02T10:00:00-07:00');
    await fr.fact(c.handle, { kind: 'case-closed', closedOn: '2028-08-02' });
    await fr.until(c.handle, 'closed', (v) => v.status === 'closed');
    await store.save('non-needy-caretaker-refused-case-closed', c.handle);

    // AB 429 only: child welfare's good cause past the period, an on-time and a late redetermination, then the end.
    await fr.h.travelTo('2028-09-05T10:05:00-07:00');
    const d = await fr.removed({ familyId: uuid(), caseId: uuid(), removedAt: '2028-09-05T10:00:00-07:00' });
    await fr.until(d.handle, 'absence', (v) => v.temporaryAbsence !== undefined);
    await fr.confirm(d.handle);
    await fr.fact(d.handle, {
      ...plan('2028-09-06'),
      recommendsCashAid: false,
      recommendsAb429Services: true,
      nextUpdateDue: '2029-03-06',
    });
    await fr.until(d.handle, 'AB 429', (v) => v.ab429 !== undefined);
    await fr.h.travelTo('2029-02-20T10:00:00-08:00');
    await fr.fact(d.handle, { kind: 'fr-services-good-cause', grantedOn: '2029-02-20', continuesThrough: '2029-06-30' });
    await fr.until(d.handle, 'good cause', (v) => v.ab429?.goodCauseThrough !== undefined);
    await fr.redetermined(d.handle, '2029-02-20');
    await fr.h.travelTo('2029-08-23T10:00:00-07:00');
    await fr.until(d.handle, 'round 2 due', (v) => (v.ab429?.round ?? 0) >= 3 || v.ab429?.endedOn !== undefined);
    await fr.fact(d.handle, { kind: 'case-closed', closedOn: '2029-08-23' });
    await fr.until(d.handle, 'closed', (v) => v.status === 'closed');
    await store.save('ab429-good-cause-redetermined', d.handle);
  } finally {
    await fr.close();
  }
}

describe('FR aid process replay over saved histories', () => {
  beforeAll(async () => {
    if (process.env['REFRESH_HISTORIES'] === '1') await recordHistories();
  }, 600_000);

  it('has saved histories to replay', () => {
    expect(existsSync(dir) ? store.list().length : 0).toBeGreaterThanOrEqual(4);
  });

  it('replays every saved history with the current workflow code', async () => {
    const results = await store.replay(require.resolve('../../index.ts'), 'fr-aid-window-replay');
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(
      results.map((r) => ({ workflowId: r.workflowId, error: undefined })),
    );
  }, 120_000);

  it('fails when the workflow changes non-deterministically', async () => {
    const results = await store.replay(require.resolve('./fr-aid-window.nondeterministic.spec-helper.ts'), 'fr-aid-window-replay');
    expect(results.length).toBeGreaterThanOrEqual(4);
    for (const r of results) expect(r.error?.name).toBe('DeterminismViolationError');
  }, 120_000);
});
