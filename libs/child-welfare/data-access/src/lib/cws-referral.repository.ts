import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssessmentEntity } from './assessment.entity';
import { CwsReferralEntity } from './cws-referral.entity';
import { lockOf, type LockOption } from './lock';

/** Hotline referrals and their SDM assessments. */
@Injectable()
export class CwsReferralRepository {
  /** The referral, when it exists in the county (another county's referral is absent). */
  async inCounty(tx: EntityManager, county: string, referralId: string, options?: LockOption): Promise<CwsReferralEntity | undefined> {
    const referral = await tx.getRepository(CwsReferralEntity).findOne({ where: { id: referralId }, ...lockOf(options) });
    return referral && referral.countyCode === county ? referral : undefined;
  }

  async save(tx: EntityManager, referral: CwsReferralEntity): Promise<void> {
    await tx.save(referral);
  }

  async addAssessment(tx: EntityManager, assessment: AssessmentEntity): Promise<void> {
    await tx.save(assessment);
  }
}
