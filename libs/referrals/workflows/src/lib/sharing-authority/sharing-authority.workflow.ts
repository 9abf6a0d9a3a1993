import { condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import { expiryReasonOf, type SharingAuthorityActivities, type SharingAuthorityInput } from '@linkages/referrals-domain';
import {
  authorityExtendedSignal,
  authorityRevokedSignal,
  authorityViewQuery,
  type SharingAuthorityView,
} from './sharing-authority.messages';

const { endAuthority } = proxyActivities<SharingAuthorityActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One recorded consent or MDT membership (issue 13, D4): a durable timer to the instant it stops (a consent's expiry,
 * the end of an MDT window), then its end recorded by `endAuthority` at that instant (row, audit, event). The sharing
 * policy already refuses from the instant on (`isActive` at every read); this makes the end a recorded fact. Staff's
 * revocation ends the process without recording anything more (the API wrote it); a good-cause extension moves the
 * timer. Deterministic: workflow time only, ids from uuid4.
 */
export async function sharingAuthorityWorkflow(input: SharingAuthorityInput): Promise<SharingAuthorityView> {
  const seen = new Set<string>();
  let expiresAt = Date.parse(input.expiresAt);
  let revokedAt: string | undefined;
  let moved = false;
  const view: SharingAuthorityView = { authorityId: input.authorityId, kind: input.kind, expiresAt: input.expiresAt, status: 'active' };

  setHandler(authorityRevokedSignal, (s) => {
    if (seen.has(s.eventId)) return;
    seen.add(s.eventId);
    revokedAt ??= s.revokedAt;
  });
  setHandler(authorityExtendedSignal, (s) => {
    if (seen.has(s.eventId)) return;
    seen.add(s.eventId);
    const at = Date.parse(s.expiresAt);
    if (!Number.isFinite(at) || view.status !== 'active') return;
    expiresAt = at;
    view.expiresAt = new Date(at).toISOString();
    moved = true;
  });
  setHandler(authorityViewQuery, () => view);

  for (;;) {
    moved = false;
    const remaining = expiresAt - Date.now();
    if (remaining > 0) await condition(() => revokedAt !== undefined || moved, remaining);
    if (revokedAt !== undefined) {
      Object.assign(view, { status: 'revoked', endedAt: revokedAt, reason: 'revoked' });
      return view;
    }
    if (!moved) break;
  }

  const endedAt = new Date(expiresAt).toISOString();
  const reason = expiryReasonOf(input.kind);
  const { ended } = await endAuthority({
    authorityId: input.authorityId,
    familyId: input.familyId,
    countyCode: input.countyCode,
    kind: input.kind,
    endedAt,
    reason,
    eventId: uuid4(),
  });
  // Not ended here: staff revoked it just before the timer fired (the row says so).
  Object.assign(view, ended ? { status: 'ended', endedAt, reason } : { status: 'revoked', reason: 'revoked' });
  return view;
}
