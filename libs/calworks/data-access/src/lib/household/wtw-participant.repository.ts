import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { FamilyStabilizationReferralEntity } from './family-stabilization-referral.entity';
import { householdLockOf, type HouseholdLockOption } from './household-lock';
import { SupportiveServiceEntity } from './supportive-service.entity';
import { WtwActivityEntity } from './wtw-activity.entity';
import { WtwExemptionEntity } from './wtw-exemption.entity';
import { WtwParticipantEntity } from './wtw-participant.entity';
import { WtwPlanEntity } from './wtw-plan.entity';

/** A plan with its activities. */
export interface WtwPlanWithActivities {
  plan: WtwPlanEntity;
  activities: WtwActivityEntity[];
}

/** WTW participants and what is recorded on them: plans and activities, exemptions, supportive services, FS referrals. */
@Injectable()
export class WtwParticipantRepository {
  /** The participant, when in the county (another county's participant is absent). */
  async inCounty(
    tx: EntityManager,
    county: string,
    participantId: string,
    options?: HouseholdLockOption,
  ): Promise<WtwParticipantEntity | undefined> {
    const participant = await tx.getRepository(WtwParticipantEntity).findOne({ where: { id: participantId }, ...householdLockOf(options) });
    return participant && participant.countyCode === county ? participant : undefined;
  }

  async ofMember(tx: EntityManager, memberId: string): Promise<WtwParticipantEntity | undefined> {
    return (await tx.getRepository(WtwParticipantEntity).findOne({ where: { memberId } })) ?? undefined;
  }

  ofAu(tx: EntityManager, auId: string): Promise<WtwParticipantEntity[]> {
    return tx.getRepository(WtwParticipantEntity).find({ where: { auId }, order: { createdAt: 'ASC' } });
  }

  async add(tx: EntityManager, participant: WtwParticipantEntity): Promise<void> {
    await tx.getRepository(WtwParticipantEntity).insert(participant);
  }

  /** Every plan, newest first, with its activities in order. */
  async plans(tx: EntityManager, participantId: string): Promise<WtwPlanWithActivities[]> {
    const plans = await tx.getRepository(WtwPlanEntity).find({ where: { participantId }, order: { signedOn: 'DESC', recordedAt: 'DESC' } });
    if (plans.length === 0) return [];
    const activities = await tx
      .getRepository(WtwActivityEntity)
      .find({ where: { planId: In(plans.map((p) => p.id)) }, order: { position: 'ASC' } });
    return plans.map((plan) => ({ plan, activities: activities.filter((a) => a.planId === plan.id) }));
  }

  /** Records a signed plan; the participant's current plan, if any, is superseded. */
  async addPlan(tx: EntityManager, plan: WtwPlanEntity, activities: WtwActivityEntity[]): Promise<void> {
    await tx.query(`UPDATE calworks.wtw_plans SET status = 'superseded' WHERE participant_id = $1 AND status = 'current'`, [
      plan.participantId,
    ]);
    await tx.save(plan);
    await tx.save(activities);
  }

  exemptions(tx: EntityManager, participantId: string): Promise<WtwExemptionEntity[]> {
    return tx.getRepository(WtwExemptionEntity).find({ where: { participantId }, order: { startsOn: 'ASC', recordedAt: 'ASC' } });
  }

  async exemption(
    tx: EntityManager,
    participantId: string,
    exemptionId: string,
    options?: HouseholdLockOption,
  ): Promise<WtwExemptionEntity | undefined> {
    return (
      (await tx.getRepository(WtwExemptionEntity).findOne({ where: { id: exemptionId, participantId }, ...householdLockOf(options) })) ??
      undefined
    );
  }

  async saveExemption(tx: EntityManager, exemption: WtwExemptionEntity): Promise<void> {
    await tx.save(exemption);
  }

  supportiveServices(tx: EntityManager, participantId: string): Promise<SupportiveServiceEntity[]> {
    return tx.getRepository(SupportiveServiceEntity).find({ where: { participantId }, order: { requestedOn: 'ASC', recordedAt: 'ASC' } });
  }

  async addSupportiveService(tx: EntityManager, service: SupportiveServiceEntity): Promise<void> {
    await tx.save(service);
  }

  familyStabilizationReferrals(tx: EntityManager, participantId: string): Promise<FamilyStabilizationReferralEntity[]> {
    return tx
      .getRepository(FamilyStabilizationReferralEntity)
      .find({ where: { participantId }, order: { referredOn: 'ASC', recordedAt: 'ASC' } });
  }

  countOpenFamilyStabilizationReferrals(tx: EntityManager, participantId: string): Promise<number> {
    return tx.getRepository(FamilyStabilizationReferralEntity).count({ where: { participantId, status: In(['referred', 'enrolled']) } });
  }

  async addFamilyStabilizationReferral(tx: EntityManager, referral: FamilyStabilizationReferralEntity): Promise<void> {
    await tx.save(referral);
  }
}
