import { Injectable } from '@nestjs/common';
import { In, Not, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { FrAb429ServiceEntity } from './fr-ab429-service.entity';
import { FrAidWindowEntity } from './fr-aid-window.entity';
import { FrMemberConfirmationEntity } from './fr-member-confirmation.entity';
import { FrRemovalEntity } from './fr-removal.entity';
import { FrTemporaryAbsenceEntity } from './fr-temporary-absence.entity';
import { FrUnmatchedCaseNumberEntity } from './fr-unmatched-case-number.entity';

export interface FrLockOption {
  lock?: boolean;
}
const lockOf = (options?: FrLockOption) => (options?.lock ? { lock: { mode: 'pessimistic_write' as const } } : {});

/** Inserts the row unless its key is already there (a retried step or redelivered event writes it once). */
async function insertOnce<T extends ObjectLiteral>(tx: EntityManager, target: EntityTarget<T>, row: T): Promise<boolean> {
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(target)
    .values({ ...row })
    .orIgnore()
    .returning('*')
    .execute();
  return (result.raw as unknown[]).length > 0;
}

/** The FR aid process's rows: removals, temporary absences, windows, AB 429 services, the review list, confirmations. */
@Injectable()
export class FrWindowRepository {
  async removal(tx: EntityManager, removalId: string, options?: FrLockOption): Promise<FrRemovalEntity | undefined> {
    return (await tx.getRepository(FrRemovalEntity).findOne({ where: { removalId }, ...lockOf(options) })) ?? undefined;
  }

  /** The removal, when it is the county's (another county's record is absent). */
  async removalInCounty(tx: EntityManager, county: string, removalId: string): Promise<FrRemovalEntity | undefined> {
    const removal = await this.removal(tx, removalId);
    return removal && removal.countyCode === county ? removal : undefined;
  }

  addRemoval(tx: EntityManager, removal: FrRemovalEntity): Promise<boolean> {
    return insertOnce(tx, FrRemovalEntity, removal);
  }

  async saveRemoval(tx: EntityManager, removal: FrRemovalEntity): Promise<void> {
    await tx.getRepository(FrRemovalEntity).save(removal);
  }

  /** The case's removals whose process has not closed (a return home or TPR may end them). */
  openOfCase(tx: EntityManager, caseId: string): Promise<FrRemovalEntity[]> {
    return tx.getRepository(FrRemovalEntity).find({ where: { caseId, status: Not(In(['closed', 'partial-removal'])) } });
  }

  async temporaryAbsence(tx: EntityManager, removalId: string): Promise<FrTemporaryAbsenceEntity | undefined> {
    return (await tx.getRepository(FrTemporaryAbsenceEntity).findOneBy({ removalId })) ?? undefined;
  }

  addTemporaryAbsence(tx: EntityManager, absence: FrTemporaryAbsenceEntity): Promise<boolean> {
    return insertOnce(tx, FrTemporaryAbsenceEntity, absence);
  }

  async window(tx: EntityManager, removalId: string): Promise<FrAidWindowEntity | undefined> {
    return (await tx.getRepository(FrAidWindowEntity).findOneBy({ removalId })) ?? undefined;
  }

  addWindow(tx: EntityManager, window: FrAidWindowEntity): Promise<boolean> {
    return insertOnce(tx, FrAidWindowEntity, window);
  }

  async saveWindow(tx: EntityManager, window: FrAidWindowEntity): Promise<void> {
    await tx.getRepository(FrAidWindowEntity).save(window);
  }

  async ab429(tx: EntityManager, removalId: string, options?: FrLockOption): Promise<FrAb429ServiceEntity | undefined> {
    return (await tx.getRepository(FrAb429ServiceEntity).findOne({ where: { removalId }, ...lockOf(options) })) ?? undefined;
  }

  addAb429(tx: EntityManager, service: FrAb429ServiceEntity): Promise<boolean> {
    return insertOnce(tx, FrAb429ServiceEntity, service);
  }

  async saveAb429(tx: EntityManager, service: FrAb429ServiceEntity): Promise<void> {
    await tx.getRepository(FrAb429ServiceEntity).save(service);
  }

  addReview(tx: EntityManager, review: FrUnmatchedCaseNumberEntity): Promise<boolean> {
    return insertOnce(tx, FrUnmatchedCaseNumberEntity, review);
  }

  async reviewOfRemoval(tx: EntityManager, removalId: string): Promise<FrUnmatchedCaseNumberEntity | undefined> {
    return (await tx.getRepository(FrUnmatchedCaseNumberEntity).findOneBy({ removalId })) ?? undefined;
  }

  async reviewInCounty(
    tx: EntityManager,
    county: string,
    reviewId: string,
    options?: FrLockOption,
  ): Promise<FrUnmatchedCaseNumberEntity | undefined> {
    const review = await tx.getRepository(FrUnmatchedCaseNumberEntity).findOne({ where: { id: reviewId }, ...lockOf(options) });
    return review && review.countyCode === county ? review : undefined;
  }

  /** The county's review list: case numbers not matched yet, oldest first. */
  openReviews(tx: EntityManager, county: string): Promise<FrUnmatchedCaseNumberEntity[]> {
    return tx
      .getRepository(FrUnmatchedCaseNumberEntity)
      .find({ where: { countyCode: county, status: 'open' }, order: { receivedAt: 'ASC' } });
  }

  async saveReview(tx: EntityManager, review: FrUnmatchedCaseNumberEntity): Promise<void> {
    await tx.getRepository(FrUnmatchedCaseNumberEntity).save(review);
  }

  async confirmation(tx: EntityManager, removalId: string): Promise<FrMemberConfirmationEntity | undefined> {
    return (await tx.getRepository(FrMemberConfirmationEntity).findOneBy({ removalId })) ?? undefined;
  }

  addConfirmation(tx: EntityManager, confirmation: FrMemberConfirmationEntity): Promise<boolean> {
    return insertOnce(tx, FrMemberConfirmationEntity, confirmation);
  }

  async saveConfirmation(tx: EntityManager, confirmation: FrMemberConfirmationEntity): Promise<void> {
    await tx.getRepository(FrMemberConfirmationEntity).save(confirmation);
  }

  /**
   * Keeps the AU members Linkages proposed on the confirmation (a later proposal replaces an earlier one, an older one
   * arriving late changes nothing); the confirmation's own status and confirmed members are untouched.
   */
  async proposeMembers(tx: EntityManager, removalId: string, memberIds: readonly string[], at: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(FrMemberConfirmationEntity)
      .set({ proposedMemberIds: [...memberIds], proposedAt: at })
      .where('removal_id = :removalId AND (proposed_at IS NULL OR proposed_at < :at)', { removalId, at })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
