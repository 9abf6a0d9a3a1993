import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { PersonCircumstancesEntity } from './person-circumstances.entity';
import { PlanActivityEntity } from './plan-activity.entity';
import { PlanConflictEntity } from './plan-conflict.entity';

/** A shared family's coordinated plan: activities, circumstances and conflicts. Every method runs in the caller's transaction. */
@Injectable()
export class PlanRepository {
  activities(tx: EntityManager, familyIds: readonly string[]): Promise<PlanActivityEntity[]> {
    if (familyIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(PlanActivityEntity).find({ where: { familyId: In([...familyIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  activityForUpdate(tx: EntityManager, familyIds: readonly string[], id: string): Promise<PlanActivityEntity | null> {
    return tx
      .getRepository(PlanActivityEntity)
      .findOne({ where: { id, familyId: In([...familyIds]) }, lock: { mode: 'pessimistic_write' } });
  }

  bySourceRef(tx: EntityManager, familyId: string, sourceRef: string): Promise<PlanActivityEntity | null> {
    return tx.getRepository(PlanActivityEntity).findOne({ where: { familyId, sourceRef } });
  }

  async saveActivity(tx: EntityManager, activity: PlanActivityEntity): Promise<void> {
    await tx.save(activity);
  }

  circumstances(tx: EntityManager, familyIds: readonly string[]): Promise<PersonCircumstancesEntity[]> {
    if (familyIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(PersonCircumstancesEntity).find({ where: { familyId: In([...familyIds]) }, order: { personRecordId: 'ASC' } });
  }

  async saveCircumstances(tx: EntityManager, c: PersonCircumstancesEntity): Promise<void> {
    await tx.save(c);
  }

  conflicts(tx: EntityManager, familyIds: readonly string[]): Promise<PlanConflictEntity[]> {
    if (familyIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(PlanConflictEntity).find({ where: { familyId: In([...familyIds]) }, order: { flaggedAt: 'ASC', id: 'ASC' } });
  }

  /** Inserts the conflict unless the family already has its fingerprint; true when it is new (flag it). */
  async flag(tx: EntityManager, c: PlanConflictEntity): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(PlanConflictEntity).values(c).orIgnore().returning(['id']).execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  async saveConflict(tx: EntityManager, c: PlanConflictEntity): Promise<void> {
    await tx.save(c);
  }
}
