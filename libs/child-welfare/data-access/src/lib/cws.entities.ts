import { AssessmentEntity } from './assessment.entity';
import { CasePlanEntity } from './case-plan.entity';
import { CftMeetingEntity } from './cft-meeting.entity';
import { CwsCaseEntity } from './cws-case.entity';
import { CwsReferralEntity } from './cws-referral.entity';
import { FamilyEntity } from './family.entity';
import { FrServicesGoodCauseEntity } from './fr-services-good-cause.entity';
import { HearingEntity } from './hearing.entity';
import { PersonEntity } from './person.entity';
import { RemovalEntity } from './removal.entity';
import { VisitEntity } from './visit.entity';

/** Child welfare's own entities (its clocks are the platform's `tracked_deadlines`, listed by platformEntities). */
export const cwsEntities = [
  FamilyEntity,
  PersonEntity,
  CwsReferralEntity,
  AssessmentEntity,
  CwsCaseEntity,
  RemovalEntity,
  HearingEntity,
  CasePlanEntity,
  CftMeetingEntity,
  VisitEntity,
  FrServicesGoodCauseEntity,
];
