import type { AuthorityEndReason, AuthorityKind } from './authority';

// The process of one sharing authority, `referrals/authority/<authorityId>` (issue 13, D4): a durable timer to the
// instant the consent expires or the MDT window ends, then the end recorded. The interface the workflow proxies and
// the activities lib implements (activities never import workflows). Ids, codes and instants only: no personal data.

/** Who records an authority's end when its timer fires. */
export const AUTHORITY_SYSTEM_ACTOR = 'system:referrals';

/** The reason an authority ends on its own at its `expiresAt`: a consent expires, an MDT window ends. */
export const expiryReasonOf = (kind: AuthorityKind): Exclude<AuthorityEndReason, 'revoked'> =>
  kind === 'mdt' ? 'window-ended' : 'expired';

export interface SharingAuthorityInput {
  authorityId: string;
  familyId: string;
  countyCode: string;
  kind: AuthorityKind;
  /** ISO instant: sharing stops at this instant (the policy's `isActive` is false from it on). */
  expiresAt: string;
}

export interface EndAuthorityInput {
  authorityId: string;
  familyId: string;
  countyCode: string;
  kind: AuthorityKind;
  /** The instant recorded as `revoked_at`: the expiry itself, not when the step ran. */
  endedAt: string;
  reason: Exclude<AuthorityEndReason, 'revoked'>;
  /** Chosen by the workflow (deterministic): a retried step publishes once. */
  eventId: string;
}

export interface EndAuthorityResult {
  /** False when the authority had already ended (revoked by staff before its expiry): nothing written. */
  ended: boolean;
}

export interface SharingAuthorityActivities {
  endAuthority(input: EndAuthorityInput): Promise<EndAuthorityResult>;
}
