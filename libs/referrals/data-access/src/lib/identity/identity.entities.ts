import { FamilyIdentityEntity } from './family-identity.entity';
import { FamilyTimelineEntity } from './family-timeline.entity';
import { LinkagesFamilyEntity } from './linkages-family.entity';
import { MatchReviewEntity } from './match-review.entity';
import { MatchTokenEntity } from './match-token.entity';
import { PersonLinkEntity } from './person-link.entity';
import { PersonRecordEntity } from './person-record.entity';

/** The shared-family and matching tables (apps/referrals/src/persistence.ts lists them). */
export const identityEntities = [
  LinkagesFamilyEntity,
  FamilyIdentityEntity,
  PersonRecordEntity,
  MatchTokenEntity,
  PersonLinkEntity,
  MatchReviewEntity,
  FamilyTimelineEntity,
];
