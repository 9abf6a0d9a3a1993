import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { historyStore } from '@linkages/platform-testing';
import { consentTerms, mdtMembershipTerms } from '@linkages/referrals-domain';
import { authorityExtendedSignal, authorityRevokedSignal } from './sharing-authority.messages';
import { createAuthorityHarness } from './sharing-authority.harness.spec-helper';

// Saved histories of the sharing-authority process, replayed against the current code on every test run. A change
// that alters the commands of in-flight runs fails here; make it with patched()/deprecatePatch() instead. Record the
// missing ones with REFRESH_HISTORIES=1 npx jest <this file> (REFRESH_HISTORIES_OVERWRITE=1 rewrites the saved ones too).
const dir = join(__dirname, '..', '..', '..', 'histories');
const store = historyStore(dir, 'sharing-authority-');

async function recordHistories(): Promise<void> {
  const h = await createAuthorityHarness();
  try {
    // A consent that expires at the end of the day written on it.
    await h.travelTo('2027-09-01T10:00:00-07:00');
    const a = await h.record(
      consentTerms({ signedOn: '2027-09-01', expiresOn: '2027-09-30', categories: ['identity', 'detail'], reference: 'SCD 1029 #1' }),
    );
    await h.travelTo('2027-10-01T00:00:00-07:00');
    await h.finished(a.handle);
    await store.save('consent-expired', a.handle);

    // A consent revoked by staff before its expiry (and the signal redelivered).
    await h.travelTo('2027-10-05T10:00:00-07:00');
    const b = await h.record(
      consentTerms({ signedOn: '2027-10-05', expiresOn: '2028-01-31', categories: ['detail'], reference: 'SCD 1029 #2' }),
    );
    await h.travelTo('2027-10-06T10:00:00-07:00');
    await b.handle.signal(authorityRevokedSignal, { eventId: 'e-revoked', revokedAt: '2027-10-06T17:00:00.000Z' });
    await b.handle.signal(authorityRevokedSignal, { eventId: 'e-revoked', revokedAt: '2027-10-06T17:00:00.000Z' });
    await h.finished(b.handle);
    await store.save('consent-revoked', b.handle);

    // An MDT window extended for good cause, then ended at its new end.
    await h.travelTo('2027-10-10T09:00:00-07:00');
    const c = await h.record(
      mdtMembershipTerms(
        { reportReceivedOn: '2027-10-10', memberSubjects: ['ew-1'], reference: 'MDT protocol' },
        { startAt: '2027-10-10T00:00:00.000-07:00' },
        { dueAt: '2027-11-09T23:59:59.999-08:00', explanation: { summary: 'MDT window: 30 days from the report.' } as never },
      ),
    );
    await h.travelTo('2027-11-01T09:00:00-07:00');
    await c.handle.signal(authorityExtendedSignal, { eventId: 'e-extended', expiresAt: '2027-11-24T23:59:59.999-08:00' });
    await h.travelTo('2027-11-25T00:00:00-08:00');
    await h.finished(c.handle);
    await store.save('mdt-extended-window-ended', c.handle);
  } finally {
    await h.close();
  }
}

describe('sharing-authority process replay over saved histories', () => {
  beforeAll(async () => {
    if (process.env['REFRESH_HISTORIES'] === '1') await recordHistories();
  }, 600_000);

  it('has saved histories to replay', () => {
    expect(existsSync(dir) ? store.list().length : 0).toBeGreaterThanOrEqual(3);
  });

  it('replays every saved history with the current workflow code', async () => {
    const results = await store.replay(require.resolve('../../index.ts'), 'sharing-authority-replay');
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(
      results.map((r) => ({ workflowId: r.workflowId, error: undefined })),
    );
  }, 120_000);

  it('fails when the workflow changes non-deterministically', async () => {
    const results = await store.replay(require.resolve('./sharing-authority.nondeterministic.spec-helper.ts'), 'sharing-authority-replay');
    expect(results.length).toBeGreaterThanOrEqual(3);
    for (const r of results) expect(r.error?.name).toBe('DeterminismViolationError');
  }, 120_000);
});
