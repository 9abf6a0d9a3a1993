import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { staffIdOf } from '@linkages/platform-access';
import { DeadlineClient, DeadlineCommands } from '@linkages/platform-service';
import { TrackedDeadlineEntity } from './cws.entities';

export interface ClockSubject {
  type: 'referral' | 'case';
  id: string;
  familyId: string;
  countyCode: string;
}

export interface ClockView {
  deadlineId: string;
  purpose: string;
  ruleId: string;
  tracked: TrackedDeadlineEntity['status'];
  /** Live from the deadline workflow; absent while its start is still queued. */
  status?: string;
  dueAt?: string | null;
  dueDate?: string | null;
  citation?: string;
  /** Why it is due on that date: rule, citation, counting, days skipped, extensions and orders. */
  explanation?: string;
  satisfied?: { at: string; by: string; late: boolean };
}

/**
 * The legal clocks of a referral or case. Each clock is one durable deadline workflow (rule from the policy
 * registry, `child-welfare/deadline/<id>`, searchable by CaseId); opening, satisfying, moving and cancelling it are
 * written as deadline commands in the caller's transaction, so a committed fact always reaches its clock, once.
 */
@Injectable()
export class Clocks {
  constructor(
    private readonly commands: DeadlineCommands,
    private readonly deadlines: DeadlineClient,
  ) {}

  /** Opens the clock `purpose` unless the subject already has it (a retried request opens nothing new). */
  async open(tx: EntityManager, subject: ClockSubject, purpose: string, ruleId: string, startAt: string): Promise<string | undefined> {
    const deadlineId = randomUUID();
    const inserted = (await tx.query(
      `INSERT INTO child_welfare.tracked_deadlines (deadline_id, subject_type, subject_id, purpose, rule_id, start_at, status) VALUES ($1, $2, $3, $4, $5, $6, 'open') ON CONFLICT (subject_id, purpose) DO NOTHING RETURNING deadline_id`,
      [deadlineId, subject.type, subject.id, purpose, ruleId, startAt],
    )) as unknown[];
    if (inserted.length === 0) return undefined;
    await this.commands.enqueue(tx, {
      op: 'open',
      deadlineId,
      ruleId,
      startAt,
      owner: { familyId: subject.familyId, countyCode: subject.countyCode, caseId: subject.id, subjectRef: `${subject.type}/${subject.id}/${purpose}` },
    });
    return deadlineId;
  }

  /** Marks the clock met (`by`: the token subject; the history gets its pseudonymous staff id). False when it is not open (never opened, already met or cancelled). */
  async satisfy(tx: EntityManager, subjectId: string, purpose: string, by: string): Promise<boolean> {
    const id = await this.transition(tx, subjectId, purpose, 'satisfied');
    if (id) await this.commands.enqueue(tx, { op: 'satisfy', deadlineId: id, by: staffIdOf(by) });
    return id !== undefined;
  }

  /** An order or continuance sets the due date; the deadline explains it with the reason. */
  async move(tx: EntityManager, subjectId: string, purpose: string, dueDate: string, reasonCode: string, by: string): Promise<boolean> {
    const [row] = (await tx.query(`SELECT deadline_id FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND purpose = $2 AND status = 'open'`, [subjectId, purpose])) as { deadline_id: string }[];
    if (!row) return false;
    await this.commands.enqueue(tx, { op: 'extend', deadlineId: row.deadline_id, dueDate, reasonCode, by: staffIdOf(by) });
    return true;
  }

  async cancel(tx: EntityManager, subjectId: string, purpose: string, reasonCode: string, by: string): Promise<boolean> {
    const id = await this.transition(tx, subjectId, purpose, 'cancelled');
    if (id) await this.commands.enqueue(tx, { op: 'cancel', deadlineId: id, reasonCode, by: staffIdOf(by) });
    return id !== undefined;
  }

  /** Cancels every open clock of the subject (case closed, child home). */
  async cancelAll(tx: EntityManager, subjectId: string, reasonCode: string, by: string, only?: (purpose: string) => boolean): Promise<string[]> {
    const open = (await tx.query(`SELECT purpose FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND status = 'open' ORDER BY start_at`, [subjectId])) as { purpose: string }[];
    const cancelled: string[] = [];
    for (const { purpose } of open) if (!only || only(purpose)) if (await this.cancel(tx, subjectId, purpose, reasonCode, by)) cancelled.push(purpose);
    return cancelled;
  }

  async isOpen(tx: EntityManager, subjectId: string, purpose: string): Promise<boolean> {
    return ((await tx.query(`SELECT 1 FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND purpose = $2 AND status = 'open'`, [subjectId, purpose])) as unknown[]).length > 0;
  }

  /** Every clock of the subjects with its live state and explanation from its workflow. */
  async views(tx: EntityManager, subjectIds: string[]): Promise<ClockView[]> {
    const rows = await tx.getRepository(TrackedDeadlineEntity).find({ where: subjectIds.map((subjectId) => ({ subjectId })), order: { startAt: 'ASC' } });
    return Promise.all(
      rows.map(async (row) => {
        const base: ClockView = { deadlineId: row.deadlineId, purpose: row.purpose, ruleId: row.ruleId, tracked: row.status };
        try {
          const view = await this.deadlines.view(row.deadlineId);
          return {
            ...base,
            status: view.state.status,
            dueAt: view.due.dueAt,
            dueDate: view.due.dueDate,
            citation: view.due.explanation.rule.citation,
            explanation: view.due.explanation.summary,
            ...(view.state.satisfied ? { satisfied: view.state.satisfied } : {}),
          };
        } catch {
          return base;
        }
      }),
    );
  }

  private async transition(tx: EntityManager, subjectId: string, purpose: string, to: 'satisfied' | 'cancelled'): Promise<string | undefined> {
    const rows = (await tx.query(`UPDATE child_welfare.tracked_deadlines SET status = $3 WHERE subject_id = $1 AND purpose = $2 AND status = 'open' RETURNING deadline_id`, [subjectId, purpose, to])) as [{ deadline_id: string }[], number] | { deadline_id: string }[];
    const list = Array.isArray(rows[0]) ? (rows[0] as { deadline_id: string }[]) : (rows as { deadline_id: string }[]);
    return list[0]?.deadline_id;
  }
}
