import { ReferralMemberEntity } from './referral-member.entity';
import { ReferralEntity } from './referral.entity';
import { SharingAuthorityEntity } from './sharing-authority.entity';

/** The referrals service's own entities (its platform tables' entities come with their libs). */
export const referralEntities = [ReferralEntity, ReferralMemberEntity, SharingAuthorityEntity];
