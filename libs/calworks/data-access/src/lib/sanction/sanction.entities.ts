import { CompliancePlanEntity } from './compliance-plan.entity';
import { CurePlanEntity } from './cure-plan.entity';
import { CureRequestEntity } from './cure-request.entity';
import { GoodCauseDeterminationEntity } from './good-cause-determination.entity';
import { NoncomplianceEpisodeEntity } from './noncompliance-episode.entity';
import { SanctionRequestEntity } from './sanction-request.entity';
import { SanctionEntity } from './sanction.entity';
import { SupervisorReviewEntity } from './supervisor-review.entity';

/** The sanction process's entities: episodes, good cause, compliance plans, requests and reviews, sanctions, cures. */
export const sanctionEntities = [
  NoncomplianceEpisodeEntity,
  GoodCauseDeterminationEntity,
  CompliancePlanEntity,
  SanctionRequestEntity,
  SupervisorReviewEntity,
  SanctionEntity,
  CureRequestEntity,
  CurePlanEntity,
];
