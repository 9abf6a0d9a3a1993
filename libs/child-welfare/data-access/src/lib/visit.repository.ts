import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VisitEntity } from './visit.entity';

/** Caseworker visits with the children of a case. */
@Injectable()
export class VisitRepository {
  async add(tx: EntityManager, visit: VisitEntity): Promise<void> {
    await tx.save(visit);
  }

  /** Whether the child had a visit in the case between two dates (inclusive). */
  async anyBetween(tx: EntityManager, caseId: string, childId: string, from: string | null, to: string | null): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM child_welfare.visits WHERE case_id = $1 AND child_id = $2 AND visited_on BETWEEN $3 AND $4 LIMIT 1`,
      [caseId, childId, from, to],
    )) as unknown[];
    return rows.length > 0;
  }
}
