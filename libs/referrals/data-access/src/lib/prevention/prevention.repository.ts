import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreventionReferralEntity } from './prevention-referral.entities';

/** Prevention referrals and their members. Every method runs in the caller's transaction. */
@Injectable()
export class PreventionRepository {
  /** Saves a new prevention referral with its members (cascade insert). */
  async add(tx: EntityManager, referral: PreventionReferralEntity): Promise<void> {
    await tx.save(referral);
  }
}
