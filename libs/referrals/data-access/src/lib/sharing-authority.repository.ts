import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SharingAuthorityEntity } from './sharing-authority.entity';

/** The sharing authorities recorded for referrals. Every method runs in the caller's transaction. */
@Injectable()
export class SharingAuthorityRepository {
  /** The referral's authorities, oldest first. */
  ofReferral(tx: EntityManager, referralId: string): Promise<SharingAuthorityEntity[]> {
    return tx.getRepository(SharingAuthorityEntity).find({ where: { referralId }, order: { recordedAt: 'ASC' } });
  }

  /** One authority of the referral, locked for update until the transaction ends. */
  ofReferralForUpdate(tx: EntityManager, referralId: string, id: string): Promise<SharingAuthorityEntity | null> {
    return tx.getRepository(SharingAuthorityEntity).findOne({ where: { id, referralId }, lock: { mode: 'pessimistic_write' } });
  }

  async save(tx: EntityManager, authority: SharingAuthorityEntity): Promise<void> {
    await tx.save(authority);
  }
}
