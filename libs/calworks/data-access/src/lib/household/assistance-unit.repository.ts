import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { aidedStatusOn, grantOn, type AidedStatus } from '@linkages/calworks-domain';
import { AidedStatusChangeEntity } from './aided-status-change.entity';
import { AssistanceUnitEntity } from './assistance-unit.entity';
import { AuMemberEntity } from './au-member.entity';
import { GrantChangeEntity } from './grant-change.entity';
import { householdLockOf, type HouseholdLockOption } from './household-lock';

/** The unique constraint a second AU with the same case number in a county breaks. */
export const CASE_NUMBER_CONSTRAINT = 'assistance_units_county_case_number';

/** True when the error is the duplicate case number of a county (a concurrent create lost the race). */
export const isDuplicateCaseNumber = (error: unknown): boolean =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string } | undefined)?.code === '23505' &&
  (error.driverError as { constraint?: string }).constraint === CASE_NUMBER_CONSTRAINT;

/** Assistance Units, their members, aided-status history and grant history. */
@Injectable()
export class AssistanceUnitRepository {
  /** The AU, when it exists in the county (another county's AU is absent). */
  async inCounty(
    tx: EntityManager,
    county: string,
    auId: string,
    options?: HouseholdLockOption,
  ): Promise<AssistanceUnitEntity | undefined> {
    const au = await tx.getRepository(AssistanceUnitEntity).findOne({ where: { id: auId }, ...householdLockOf(options) });
    return au && au.countyCode === county ? au : undefined;
  }

  /** The county's AU with this CalWORKs case number (the number child welfare records and its events carry). */
  async byCaseNumber(
    tx: EntityManager,
    countyCode: string,
    caseNumber: string,
    options?: HouseholdLockOption,
  ): Promise<AssistanceUnitEntity | undefined> {
    return (
      (await tx
        .getRepository(AssistanceUnitEntity)
        .findOne({ where: { countyCode, caseNumber: caseNumber.trim() }, ...householdLockOf(options) })) ?? undefined
    );
  }

  /** Writes a new AU with its members, first aided status and (if any) first grant. */
  async create(
    tx: EntityManager,
    au: AssistanceUnitEntity,
    members: AuMemberEntity[],
    aided: AidedStatusChangeEntity,
    grant?: GrantChangeEntity,
  ): Promise<void> {
    await tx.getRepository(AssistanceUnitEntity).insert(au);
    await tx.save(members);
    await tx.save(aided);
    if (grant) await tx.save(grant);
  }

  /** The members in the order they were recorded. */
  members(tx: EntityManager, auId: string): Promise<AuMemberEntity[]> {
    return tx.getRepository(AuMemberEntity).find({ where: { auId }, order: { position: 'ASC' } });
  }

  async member(tx: EntityManager, auId: string, memberId: string): Promise<AuMemberEntity | undefined> {
    return (await tx.getRepository(AuMemberEntity).findOne({ where: { id: memberId, auId } })) ?? undefined;
  }

  /** Adds a member after the last one (the caller holds the AU locked). */
  async addMember(tx: EntityManager, member: Omit<AuMemberEntity, 'position'>): Promise<AuMemberEntity> {
    const [row] = (await tx.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM calworks.au_members WHERE au_id = $1`, [
      member.auId,
    ])) as { next: number }[];
    const saved = Object.assign(new AuMemberEntity(), member, { position: row?.next ?? 0 });
    await tx.save(saved);
    return saved;
  }

  /** The aided-status changes, oldest first. */
  aidedHistory(tx: EntityManager, auId: string): Promise<AidedStatusChangeEntity[]> {
    return tx.getRepository(AidedStatusChangeEntity).find({ where: { auId }, order: { effectiveOn: 'ASC' } });
  }

  async addAidedStatusChange(tx: EntityManager, change: AidedStatusChangeEntity): Promise<void> {
    await tx.save(change);
  }

  /** Whether the AU was aided on a date (e.g. the day of a child's removal, for AB 135 / AB 429). */
  async aidedStatusOn(tx: EntityManager, auId: string, date: string): Promise<AidedStatus> {
    return aidedStatusOn(await this.aidedHistory(tx, auId), date);
  }

  /** The grant changes, oldest first. */
  grantHistory(tx: EntityManager, auId: string): Promise<GrantChangeEntity[]> {
    return tx.getRepository(GrantChangeEntity).find({ where: { auId }, order: { effectiveOn: 'ASC' } });
  }

  /** The grant in effect on a date, if any. */
  async grantOn(tx: EntityManager, auId: string, date: string): Promise<GrantChangeEntity | undefined> {
    return grantOn(await this.grantHistory(tx, auId), date);
  }

  async addGrantChange(tx: EntityManager, change: GrantChangeEntity): Promise<void> {
    await tx.save(change);
  }
}
