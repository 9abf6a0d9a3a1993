import { consentTerms, mdtMembershipTerms } from '@linkages/referrals-domain';
import { authorityRevokedSignal } from './sharing-authority.messages';
import { createAuthorityHarness, type AuthorityHarness } from './sharing-authority.harness.spec-helper';

// Issue 13, Deliver 2: the expiry of a consent is a durable timer that stops sharing at that instant and records it.
describe('sharing-authority process (time-skipping server, real PostgreSQL)', () => {
  let h: AuthorityHarness;

  beforeAll(async () => {
    h = await createAuthorityHarness();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a consent valid through Thu 30 Sep 2027 shares until 23:59 that day and stops at 1 Oct 00:00 PDT, recorded at that instant', async () => {
    await h.travelTo('2027-09-01T10:00:00-07:00');
    const { authority, handle } = await h.record();
    const expiry = new Date('2027-10-01T00:00:00-07:00');
    expect(authority.expiresAt.toISOString()).toBe(expiry.toISOString());

    // One minute before the expiry: the consent widens the CalWORKs worker's view to CWS details.
    await h.travelTo('2027-09-30T23:59:00-07:00');
    const before = await h.decision(authority.familyId, await h.now());
    expect(before).toMatchObject({ allowed: true, basis: 'consent', authorityIds: [authority.id] });
    expect(before.classes).toContain('detail');
    expect((await h.row(authority.id)).revokedAt).toBeNull();
    expect((await h.view(handle)).status).toBe('active');

    // At the instant: the policy refuses the details (isActive), and the process records the end at that instant.
    await h.travelTo('2027-10-01T00:00:00-07:00');
    expect((await h.now()).getTime()).toBeGreaterThanOrEqual(expiry.getTime());
    const at = await h.decision(authority.familyId, expiry);
    expect(at).toMatchObject({ allowed: true, basis: 'wic-10850', authorityIds: [] });
    expect(at.classes).not.toContain('detail');

    const result = await h.finished(handle);
    expect(result).toMatchObject({ status: 'ended', reason: 'expired', endedAt: expiry.toISOString() });
    const row = await h.row(authority.id);
    expect(row).toMatchObject({
      revokedBy: 'system:referrals',
      endedReason: 'expired',
      revocationReason: 'the signed authorization expired',
    });
    expect(row.revokedAt?.toISOString()).toBe(expiry.toISOString());
    // Once recorded, the refusal holds whatever the instant (revoked), also for reads dated before it by a skewed clock.
    expect((await h.decision(authority.familyId, new Date('2027-09-30T23:59:00-07:00'))).classes).not.toContain('detail');

    expect(await h.events(authority.familyId)).toEqual([
      [
        'sharing-authority-ended',
        { authorityId: authority.id, familyId: authority.familyId, kind: 'consent', endedAt: expiry.toISOString(), reason: 'expired' },
      ],
    ]);
    const audits = await h.audits(authority.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_subject: 'system:referrals',
      action: 'update',
      purpose: 'end sharing authority at its expiry',
      outcome: 'allowed',
      details: { kind: 'consent', reason: 'expired', endedAt: expiry.toISOString() },
    });
  }, 120_000);

  it('a revocation before the expiry ends the process; nothing more is recorded at the expiry', async () => {
    await h.travelTo('2027-11-01T09:00:00-07:00');
    const { authority, handle } = await h.record(
      consentTerms({ signedOn: '2027-11-01', expiresOn: '2028-01-31', categories: ['detail'], reference: 'SCD 1029 #2' }),
    );
    // The API writes the revocation (row, audit, event), then signals the process (a redelivered signal is ignored).
    const revokedAt = new Date('2027-11-02T10:00:00-07:00');
    await h.travelTo(revokedAt.toISOString());
    await h.ds.query(
      `UPDATE "${h.schema}".sharing_authorities SET revoked_at = $2, revoked_by = 'cws-sup', revocation_reason = 'withdrawn', ended_reason = 'revoked' WHERE id = $1`,
      [authority.id, revokedAt],
    );
    await handle.signal(authorityRevokedSignal, { eventId: 'e-1', revokedAt: revokedAt.toISOString() });
    await handle.signal(authorityRevokedSignal, { eventId: 'e-1', revokedAt: revokedAt.toISOString() });
    expect(await h.finished(handle)).toMatchObject({ status: 'revoked', reason: 'revoked', endedAt: revokedAt.toISOString() });
    await h.travelTo('2028-02-02T00:00:00-08:00');
    expect(await h.row(authority.id)).toMatchObject({ revokedBy: 'cws-sup', endedReason: 'revoked' });
    expect(await h.events(authority.familyId)).toEqual([]);
    expect(await h.audits(authority.id)).toEqual([]);
  }, 120_000);

  it("an MDT membership's window end is recorded as window-ended at the window's end", async () => {
    await h.travelTo('2028-03-01T09:00:00-08:00');
    const terms = mdtMembershipTerms(
      { reportReceivedOn: '2028-03-01', memberSubjects: ['ew-1'], reference: 'MDT protocol 2028-03' },
      { startAt: '2028-03-01T00:00:00.000-08:00' },
      { dueAt: '2028-03-31T23:59:59.999-07:00', explanation: { summary: 'MDT window: 30 days from the report.' } as never },
    );
    const { authority, handle } = await h.record(terms);
    expect((await h.decision(authority.familyId, await h.now())).basis).toBe('mdt');
    await h.travelTo('2028-04-01T06:59:59.999Z');
    const result = await h.finished(handle);
    expect(result).toMatchObject({ status: 'ended', reason: 'window-ended', endedAt: '2028-04-01T06:59:59.999Z' });
    expect(await h.row(authority.id)).toMatchObject({ endedReason: 'window-ended', revokedBy: 'system:referrals' });
    expect((await h.events(authority.familyId)).map(([type, e]) => [type, e['reason']])).toEqual([
      ['sharing-authority-ended', 'window-ended'],
    ]);
  }, 120_000);
});
