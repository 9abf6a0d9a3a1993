import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { stableUuid, staffIdOf } from '@linkages/platform-access';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import { reasonWords, type Adjustments, type DueResult, type PolicyRegistry } from '@linkages/platform-deadlines';
import { assertSchemaName } from '@linkages/platform-persistence';
import { DeadlineClient } from './deadline-client';
import { DeadlineCommands } from './deadline-commands.writer';
import { POLICY_REGISTRY } from './policy-registry.token';
import { TrackedDeadlineEntity, type TrackedDeadlineStatus } from './tracked-deadline.entity';

/** The record a clock belongs to: `{ type: 'case', id, familyId, countyCode }`. */
export interface ClockSubject {
  type: string;
  id: string;
  familyId: string;
  countyCode: string;
}

export interface ClockView {
  deadlineId: string;
  purpose: string;
  ruleId: string;
  tracked: TrackedDeadlineStatus;
  /** Live from the deadline workflow; absent while its start is still queued. */
  status?: string;
  dueAt?: string | null;
  dueDate?: string | null;
  citation?: string;
  /** Why it is due on that date: rule, citation, counting, days skipped, extensions and orders. */
  explanation?: string;
  /** The fact the count starts from (the rule's anchor) and its instant. */
  startsFrom?: { fact?: string; at: string };
  /**
   * A date set by an order instead of the computed one: which way it moved it (`earlier` is not an extension), the
   * computed date it replaced, and the reason in words.
   */
  moved?: { direction: 'earlier' | 'later' | 'same'; computedDate: string | null; reason: string };
  /** `at`: when the fact that met it happened (timeliness is judged by it); `recordedAt`: when it was recorded, if later. */
  satisfied?: { at: string; by: string; late: boolean; recordedAt?: string };
}

/** The business id of a clock: the same service, subject and purpose always name the same deadline (and workflow). */
export const deadlineIdOf = (service: string, subject: Pick<ClockSubject, 'type' | 'id'>, purpose: string): string =>
  stableUuid('linkages-deadline', service, subject.type, subject.id, purpose);

/**
 * The one way a service runs a legal clock. Each clock is a durable deadline workflow (`<service>/deadline/<id>`,
 * searchable by CaseId) with a row in the service's `tracked_deadlines`; opening, satisfying, moving and cancelling
 * it are written as deadline commands in the caller's transaction, so a committed fact reaches its clock, once.
 */
@Injectable()
export class TrackedDeadlines {
  private readonly table: string;

  constructor(
    private readonly commands: DeadlineCommands,
    private readonly deadlines: DeadlineClient,
    @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
  ) {
    this.table = `"${assertSchemaName(service.schema)}".tracked_deadlines`;
  }

  /**
   * Opens the clock `purpose` unless the subject already has it (a retried request or event opens nothing new).
   * `notify`: the workflow id of the process this clock is a step of; it is signalled `deadlineReachedSignal` at due,
   * at each escalation level, and when the clock is satisfied or cancelled.
   */
  async open(
    tx: EntityManager,
    subject: ClockSubject,
    purpose: string,
    ruleId: string,
    startAt: string,
    options: { notify?: string } = {},
  ): Promise<string | undefined> {
    const deadlineId = deadlineIdOf(this.service.name, subject, purpose);
    const inserted = (await tx.query(
      `INSERT INTO ${this.table} (deadline_id, subject_type, subject_id, purpose, rule_id, start_at, status) VALUES ($1, $2, $3, $4, $5, $6, 'open') ON CONFLICT (subject_id, purpose) DO NOTHING RETURNING deadline_id`,
      [deadlineId, subject.type, subject.id, purpose, ruleId, startAt],
    )) as unknown[];
    if (inserted.length === 0) return undefined;
    await this.commands.enqueue(tx, {
      op: 'open',
      deadlineId,
      ruleId,
      startAt,
      owner: {
        familyId: subject.familyId,
        countyCode: subject.countyCode,
        caseId: subject.id,
        subjectRef: `${subject.type}/${subject.id}/${purpose}`,
        ...(options.notify ? { notify: options.notify } : {}),
      },
    });
    return deadlineId;
  }

  /**
   * Marks the clock met (`by`: the token subject; the history gets its pseudonymous staff id). `at`: when the fact
   * that meets it happened, when it is recorded after the event (timeliness is judged by it; absent: when the
   * workflow applies the command). A fact before the clock's start meets it at its start; an instant later than now
   * counts as now (the API refuses instants beyond clock skew; this keeps the workflow's validator from refusing a
   * command already committed). False when it is not open (never opened, already met or cancelled).
   */
  async satisfy(tx: EntityManager, subjectId: string, purpose: string, by: string, at?: string | Date): Promise<boolean> {
    const row = await this.transition(tx, subjectId, purpose, 'satisfied');
    if (!row) return false;
    let factAt: string | undefined;
    if (at !== undefined) {
      const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
      if (Number.isNaN(t)) throw new Error(`Invalid deadline command (satisfy): at must be an ISO instant (${String(at)})`);
      factAt = new Date(Math.min(Math.max(t, new Date(row.start_at).getTime()), Date.now())).toISOString();
    }
    await this.commands.enqueue(tx, { op: 'satisfy', deadlineId: row.deadline_id, by: staffIdOf(by), ...(factAt ? { at: factAt } : {}) });
    return true;
  }

  /** An order or continuance sets the due date; the deadline explains it with the reason. */
  async move(tx: EntityManager, subjectId: string, purpose: string, dueDate: string, reasonCode: string, by: string): Promise<boolean> {
    const [row] = (await tx.query(`SELECT deadline_id FROM ${this.table} WHERE subject_id = $1 AND purpose = $2 AND status = 'open'`, [
      subjectId,
      purpose,
    ])) as { deadline_id: string }[];
    if (!row) return false;
    await this.commands.enqueue(tx, { op: 'extend', deadlineId: row.deadline_id, dueDate, reasonCode, by: staffIdOf(by) });
    return true;
  }

  async cancel(tx: EntityManager, subjectId: string, purpose: string, reasonCode: string, by: string): Promise<boolean> {
    const row = await this.transition(tx, subjectId, purpose, 'cancelled');
    if (row) await this.commands.enqueue(tx, { op: 'cancel', deadlineId: row.deadline_id, reasonCode, by: staffIdOf(by) });
    return row !== undefined;
  }

  /** Cancels every open clock of the subject (case closed, child home), oldest first; `only` narrows by purpose. */
  async cancelAll(
    tx: EntityManager,
    subjectId: string,
    reasonCode: string,
    by: string,
    only?: (purpose: string) => boolean,
  ): Promise<string[]> {
    const open = (await tx.query(`SELECT purpose FROM ${this.table} WHERE subject_id = $1 AND status = 'open' ORDER BY start_at`, [
      subjectId,
    ])) as { purpose: string }[];
    const cancelled: string[] = [];
    for (const { purpose } of open)
      if (!only || only(purpose)) if (await this.cancel(tx, subjectId, purpose, reasonCode, by)) cancelled.push(purpose);
    return cancelled;
  }

  async isOpen(tx: EntityManager, subjectId: string, purpose: string): Promise<boolean> {
    return (
      (
        (await tx.query(`SELECT 1 FROM ${this.table} WHERE subject_id = $1 AND purpose = $2 AND status = 'open'`, [
          subjectId,
          purpose,
        ])) as unknown[]
      ).length > 0
    );
  }

  /** The instant the clock started from (whatever its status), or undefined when the subject never had it. */
  async startOf(tx: EntityManager, subjectId: string, purpose: string): Promise<Date | undefined> {
    const [row] = (await tx.query(`SELECT start_at FROM ${this.table} WHERE subject_id = $1 AND purpose = $2`, [subjectId, purpose])) as {
      start_at: Date;
    }[];
    return row?.start_at;
  }

  /** The purpose of the subject's most recently started open clock whose purpose begins with `prefix`. */
  async latestOpen(tx: EntityManager, subjectId: string, prefix: string): Promise<string | undefined> {
    const [row] = (await tx.query(
      `SELECT purpose FROM ${this.table} WHERE subject_id = $1 AND starts_with(purpose, $2) AND status = 'open' ORDER BY start_at DESC LIMIT 1`,
      [subjectId, prefix],
    )) as { purpose: string }[];
    return row?.purpose;
  }

  /** How many clocks (any status) of the subject have a purpose beginning with `prefix`. */
  async count(tx: EntityManager, subjectId: string, prefix: string): Promise<number> {
    const [row] = (await tx.query(`SELECT count(*)::int AS n FROM ${this.table} WHERE subject_id = $1 AND starts_with(purpose, $2)`, [
      subjectId,
      prefix,
    ])) as { n: number }[];
    return row?.n ?? 0;
  }

  /** When a rule of this service started at `startAt` is due in a county, with its explanation. */
  due(ruleId: string, countyCode: string, startAt: string, adjustments?: Adjustments): DueResult {
    return this.registry.due(ruleId, countyCode, startAt, adjustments);
  }

  /** Every clock of the subjects with its live state and explanation from its workflow. */
  async views(tx: EntityManager, subjectIds: string[]): Promise<ClockView[]> {
    if (subjectIds.length === 0) return [];
    const rows = await tx
      .getRepository(TrackedDeadlineEntity)
      .find({ where: subjectIds.map((subjectId) => ({ subjectId })), order: { startAt: 'ASC' } });
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
            startsFrom: {
              at: view.due.explanation.start.at,
              ...(view.due.explanation.start.fact ? { fact: view.due.explanation.start.fact } : {}),
            },
            ...(view.due.explanation.override?.direction
              ? {
                  moved: {
                    direction: view.due.explanation.override.direction,
                    computedDate: view.due.explanation.override.computedDate ?? null,
                    reason: reasonWords(view.due.explanation.override.reasonCode),
                  },
                }
              : {}),
            ...(view.state.satisfied ? { satisfied: view.state.satisfied } : {}),
          };
        } catch {
          return base;
        }
      }),
    );
  }

  private async transition(
    tx: EntityManager,
    subjectId: string,
    purpose: string,
    to: 'satisfied' | 'cancelled',
  ): Promise<{ deadline_id: string; start_at: Date | string } | undefined> {
    type Row = { deadline_id: string; start_at: Date | string };
    const rows = (await tx.query(
      `UPDATE ${this.table} SET status = $3 WHERE subject_id = $1 AND purpose = $2 AND status = 'open' RETURNING deadline_id, start_at`,
      [subjectId, purpose, to],
    )) as [Row[], number] | Row[];
    const list = Array.isArray(rows[0]) ? (rows[0] as Row[]) : (rows as Row[]);
    return list[0];
  }
}
