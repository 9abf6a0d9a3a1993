import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RemovalEntity } from './removal.entity';

/** A removal with its child's encrypted date of birth (for the services-months decision). */
export interface RemovalWithBirthDate {
  removedAt: Date;
  siblingGroupPlacedTogether: boolean;
  personId: string;
  dobEncrypted: string;
}

/** The removals of a case; a removal is current until the child returns home. */
@Injectable()
export class RemovalRepository {
  async add(tx: EntityManager, removal: RemovalEntity): Promise<void> {
    await tx.save(removal);
  }

  /** Every removal of the case, oldest first. */
  ofCase(tx: EntityManager, caseId: string): Promise<RemovalEntity[]> {
    return tx.getRepository(RemovalEntity).find({ where: { caseId }, order: { removedAt: 'ASC' } });
  }

  /** The child's current removal in the case, if any. */
  async currentOf(tx: EntityManager, caseId: string, childId: string): Promise<{ id: string; removedAt: Date } | undefined> {
    const [row] = (await tx.query(
      `SELECT id, removed_at FROM child_welfare.removals WHERE case_id = $1 AND child_id = $2 AND returned_on IS NULL`,
      [caseId, childId],
    )) as { id: string; removed_at: Date }[];
    return row ? { id: row.id, removedAt: row.removed_at } : undefined;
  }

  /** The case's current removals (children not returned home). */
  async current(tx: EntityManager, caseId: string): Promise<{ id: string; childId: string }[]> {
    const rows = (await tx.query(`SELECT id, child_id FROM child_welfare.removals WHERE case_id = $1 AND returned_on IS NULL`, [
      caseId,
    ])) as { id: string; child_id: string }[];
    return rows.map((r) => ({ id: r.id, childId: r.child_id }));
  }

  /** How many distinct children of the case are removed now. */
  async countChildrenRemoved(tx: EntityManager, caseId: string): Promise<number> {
    return (
      (
        (await tx.query(
          `SELECT count(DISTINCT child_id)::int AS n FROM child_welfare.removals WHERE case_id = $1 AND returned_on IS NULL`,
          [caseId],
        )) as { n: number }[]
      )[0]?.n ?? 0
    );
  }

  /** Every removal of the case (returned or not), oldest first, with the child's encrypted date of birth. */
  async withBirthDates(tx: EntityManager, caseId: string): Promise<RemovalWithBirthDate[]> {
    const rows = (await tx.query(
      `SELECT r.removed_at, r.sibling_group_placed_together, p.dob_encrypted, p.id AS person_id FROM child_welfare.removals r JOIN child_welfare.persons p ON p.id = r.child_id WHERE r.case_id = $1 ORDER BY r.removed_at`,
      [caseId],
    )) as { removed_at: Date; sibling_group_placed_together: boolean; dob_encrypted: string; person_id: string }[];
    return rows.map((r) => ({
      removedAt: r.removed_at,
      siblingGroupPlacedTogether: r.sibling_group_placed_together,
      personId: r.person_id,
      dobEncrypted: r.dob_encrypted,
    }));
  }

  async markReturned(tx: EntityManager, removalId: string, returnedOn: string): Promise<void> {
    await tx.query(`UPDATE child_welfare.removals SET returned_on = $2 WHERE id = $1`, [removalId, returnedOn]);
  }

  async markParentalRightsTerminated(tx: EntityManager, removalId: string, on: string): Promise<void> {
    await tx.query(`UPDATE child_welfare.removals SET parental_rights_terminated_on = $2 WHERE id = $1`, [removalId, on]);
  }
}
