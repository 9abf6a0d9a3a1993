import { AidedStatusChangeEntity } from './aided-status-change.entity';
import { AssistanceUnitEntity } from './assistance-unit.entity';
import { AuMemberEntity } from './au-member.entity';
import { FamilyStabilizationReferralEntity } from './family-stabilization-referral.entity';
import { GrantChangeEntity } from './grant-change.entity';
import { SupportiveServiceEntity } from './supportive-service.entity';
import { WtwActivityEntity } from './wtw-activity.entity';
import { WtwExemptionEntity } from './wtw-exemption.entity';
import { WtwParticipantEntity } from './wtw-participant.entity';
import { WtwPlanEntity } from './wtw-plan.entity';

/** The household's entities: Assistance Units, members, aided status and grants, WTW participants and their records. */
export const householdEntities = [
  AssistanceUnitEntity,
  AuMemberEntity,
  AidedStatusChangeEntity,
  GrantChangeEntity,
  WtwParticipantEntity,
  WtwPlanEntity,
  WtwActivityEntity,
  WtwExemptionEntity,
  SupportiveServiceEntity,
  FamilyStabilizationReferralEntity,
];
