import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AuthorityEndReason, AuthorityKind } from '@linkages/referrals-domain';

export type { SharingAuthorityInput } from '@linkages/referrals-domain';

// Messages of the sharing-authority process `referrals/authority/<authorityId>` (issue 13, D4): its view, staff's
// revocation (the row is written by the API; the process only stops waiting) and an extension of an MDT window for
// good cause (the timer moves). Each signal carries an event id: a redelivered one is ignored. Ids, codes, instants.

/** The workflow id of an authority's process (the same as workflowId('referrals', 'authority', authorityId)). */
export const authorityProcessId = (authorityId: string) => `referrals/authority/${authorityId}`;

export interface AuthorityRevokedSignal {
  eventId: string;
  /** When staff revoked it (ISO instant), as recorded on the row. */
  revokedAt: string;
}

export const authorityRevokedSignal = defineSignal<[AuthorityRevokedSignal]>('authorityRevoked');

export interface AuthorityExtendedSignal {
  eventId: string;
  /** The new end of the MDT window (ISO instant), recorded on the row by whoever granted the good cause. */
  expiresAt: string;
}

export const authorityExtendedSignal = defineSignal<[AuthorityExtendedSignal]>('authorityExtended');

export interface SharingAuthorityView {
  authorityId: string;
  kind: AuthorityKind;
  expiresAt: string;
  status: 'active' | 'ended' | 'revoked';
  endedAt?: string;
  reason?: AuthorityEndReason;
}

export const authorityViewQuery = defineQuery<SharingAuthorityView>('authorityView');
