import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VisitEntity } from './visit.entity';

/** Caseworker visits with the children of a case. */
@Injectable()
export class VisitRepository {
  async add(tx: EntityManager, visit: VisitEntity): Promise<void> {
    await tx.save(visit);
  }

  /** The first visit day of the child in [from, to] (YYYY-MM-DD), if any: the fact that met that month's clock. */
  async firstBetween(
    tx: EntityManager,
    caseId: string,
    childId: string,
    from: string | null,
    to: string | null,
  ): Promise<string | undefined> {
    const [row] = (await tx.query(
      `SELECT to_char(min(visited_on), 'YYYY-MM-DD') AS first FROM child_welfare.visits WHERE case_id = $1 AND child_id = $2 AND visited_on BETWEEN $3 AND $4`,
      [caseId, childId, from, to],
    )) as { first: string | null }[];
    return row?.first ?? undefined;
  }
}
