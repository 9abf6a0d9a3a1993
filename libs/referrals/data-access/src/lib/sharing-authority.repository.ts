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

  /** The shared family's authorities, oldest first. */
  ofFamily(tx: EntityManager, familyId: string): Promise<SharingAuthorityEntity[]> {
    return tx.getRepository(SharingAuthorityEntity).find({ where: { familyId }, order: { recordedAt: 'ASC' } });
  }

  /** The authorities of several shared families (a merged family's), oldest first. */
  ofFamilies(tx: EntityManager, familyIds: readonly string[]): Promise<SharingAuthorityEntity[]> {
    if (familyIds.length === 0) return Promise.resolve([]);
    return tx
      .getRepository(SharingAuthorityEntity)
      .find({ where: familyIds.map((familyId) => ({ familyId })), order: { recordedAt: 'ASC' } });
  }

  /** One authority of the shared family, locked for update until the transaction ends. */
  ofFamilyForUpdate(tx: EntityManager, familyId: string, id: string): Promise<SharingAuthorityEntity | null> {
    return tx.getRepository(SharingAuthorityEntity).findOne({ where: { id, familyId }, lock: { mode: 'pessimistic_write' } });
  }

  /** One authority, locked for update (its process records its end). */
  forUpdate(tx: EntityManager, id: string): Promise<SharingAuthorityEntity | null> {
    return tx.getRepository(SharingAuthorityEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(tx: EntityManager, authority: SharingAuthorityEntity): Promise<void> {
    await tx.save(authority);
  }
}
