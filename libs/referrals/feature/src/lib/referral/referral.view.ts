import type { PersonalData } from '@linkages/platform-crypto';
import type { ReferralEntity } from '@linkages/referrals-data-access';
import type { ReferralView } from '@linkages/referrals-domain';

/** The scope bound to a member's ciphertexts (a value copied to another record does not decrypt). */
export const MEMBER_SCOPE = 'referrals.member';

/** The whole referral as child welfare sees it: members in the order given, date of birth decrypted, SSN masked. */
export function referralView(referral: ReferralEntity, personalData: PersonalData): ReferralView {
  const members = [...referral.members].sort((a, b) => a.position - b.position);
  return {
    id: referral.id,
    familyId: referral.familyId,
    countyCode: referral.countyCode,
    status: referral.status,
    createdAt: referral.createdAt.toISOString(),
    caseType: referral.caseType,
    cwsCaseNumber: referral.cwsCaseNumber,
    calworksCaseNumber: referral.calworksCaseNumber,
    calworksAided: referral.calworksCaseNumber !== null,
    removedOn: referral.removedOn,
    childrenRemoved: referral.childrenRemoved,
    memberCount: members.length,
    members: members.map((m) => ({
      personId: m.id,
      role: m.role,
      firstName: m.firstName,
      lastName: m.lastName,
      ...personalData.reveal(MEMBER_SCOPE, m.id, m),
    })),
    allegations: referral.allegations,
    safetyConcerns: referral.safetyConcerns,
    servicesRecommended: referral.servicesRecommended,
    reporter: referral.reporter,
  };
}
