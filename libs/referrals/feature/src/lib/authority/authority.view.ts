import { isActive } from '@linkages/platform-access';
import type { SharingAuthorityEntity } from '@linkages/referrals-data-access';
import { toSharingAuthority, type AuthorityEndReason, type AuthorityKind } from '@linkages/referrals-domain';

/** A recorded sharing authority as the API shows it, with whether it is in force now. */
export interface AuthorityView {
  id: string;
  referralId: string;
  kind: AuthorityKind;
  effectiveFrom: string;
  expiresAt: string;
  active: boolean;
  categories: string[];
  scopes: string[];
  memberSubjects: string[] | null;
  reference: string;
  basis: string;
  recordedBy: string;
  recordedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

/** On the referral's routes: the authorities recorded on that referral (the shared family's routes: familyAuthorityView). */
export function authorityView(a: SharingAuthorityEntity): AuthorityView {
  if (!a.referralId) throw new Error(`Sharing authority ${a.id} was recorded on its shared family, not on a referral`);
  return {
    id: a.id,
    referralId: a.referralId,
    kind: a.kind,
    effectiveFrom: a.effectiveFrom.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    active: isActive(toSharingAuthority(a), new Date()),
    categories: a.categories,
    scopes: a.scopes ?? [],
    memberSubjects: a.memberSubjects,
    reference: a.reference,
    basis: a.basis,
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
    revocationReason: a.revocationReason,
  };
}

/** A recorded sharing authority on the shared family's routes: the family, the referral it came with (if any), why it ended. */
export interface FamilyAuthorityView extends Omit<AuthorityView, 'referralId'> {
  familyId: string;
  referralId: string | null;
  endedReason: AuthorityEndReason | null;
}

export function familyAuthorityView(a: SharingAuthorityEntity, now = new Date()): FamilyAuthorityView {
  return {
    id: a.id,
    familyId: a.familyId,
    referralId: a.referralId,
    kind: a.kind,
    effectiveFrom: a.effectiveFrom.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    active: isActive(toSharingAuthority(a), now),
    categories: a.categories,
    scopes: a.scopes ?? [],
    memberSubjects: a.memberSubjects,
    reference: a.reference,
    basis: a.basis,
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
    revocationReason: a.revocationReason,
    endedReason: a.endedReason,
  };
}
