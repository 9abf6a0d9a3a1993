import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queueBands, type EscalationStatus, type QueueViewState } from '@linkages/notifications-domain';
import { EscalationEntity } from '../escalation/escalation.entity';
import { EscalationTimelineEntryEntity } from '../escalation/escalation-timeline-entry.entity';
import { DeadlineQueueEventEntity } from './deadline-queue-event.entity';
import { DeadlineQueueItemEntity } from './deadline-queue-item.entity';
import { tableOf } from '../table-of';

/** The latest escalation of a deadline, as the queue shows it. */
export interface QueueEscalation {
  escalationId: string;
  status: EscalationStatus;
  level: number;
  next: { level: number; role: string; at: string } | null;
}

/** A queue row: the item, its latest escalation, the state shown and its place in the sort. */
export interface QueueRow {
  item: DeadlineQueueItemEntity;
  escalation: QueueEscalation | null;
  /** `cancelled` only when read by id (never listed). */
  viewState: QueueViewState | 'cancelled';
  band: number;
}

/** Who may see which items: one county; the owner services the caller supervises; the caller's own staff id. */
export interface QueueVisibility {
  countyCode: string;
  supervisedOwnerServices: readonly string[];
  staffId: string;
}

export interface QueueFilters {
  states: readonly QueueViewState[];
  unitId?: string;
  staffId?: string;
  program?: string;
  ruleId?: string;
  agency?: string;
}

/** The keyset of the sort (band, legally urgent first, due instant, deadline id): where the next page starts. */
export interface QueueCursor {
  band: number;
  urgent: boolean;
  dueAt: string;
  deadlineId: string;
}

interface RawRow {
  deadline_id: string;
  family_id: string;
  county_code: string;
  owner_service: string;
  agency: DeadlineQueueItemEntity['agency'];
  program: string;
  rule_id: string;
  citation: string;
  subject_ref: string;
  due_at: Date;
  explanation: string | null;
  state: DeadlineQueueItemEntity['state'];
  legally_urgent: boolean;
  assignee_staff_id: string | null;
  unit_id: string | null;
  updated_at: Date;
  esc_id: string | null;
  esc_status: EscalationStatus | null;
  esc_level: number | null;
  esc_next: QueueEscalation['next'];
  view_state: QueueViewState | 'cancelled';
  band: number;
}

const rowOf = (r: RawRow): QueueRow => {
  const item = Object.assign(new DeadlineQueueItemEntity(), {
    deadlineId: r.deadline_id,
    familyId: r.family_id,
    countyCode: r.county_code,
    ownerService: r.owner_service,
    agency: r.agency,
    program: r.program,
    ruleId: r.rule_id,
    citation: r.citation,
    subjectRef: r.subject_ref,
    dueAt: new Date(r.due_at),
    explanation: r.explanation,
    state: r.state,
    legallyUrgent: r.legally_urgent,
    assigneeStaffId: r.assignee_staff_id,
    unitId: r.unit_id,
    updatedAt: new Date(r.updated_at),
  });
  const escalation =
    r.esc_id && r.esc_status && r.esc_level !== null
      ? { escalationId: r.esc_id, status: r.esc_status, level: r.esc_level, next: r.esc_next ?? null }
      : null;
  return { item, escalation, viewState: r.view_state, band: Number(r.band) };
};

/** Reads and writes of the deadline queue, inside the caller's transaction (raw SQL for the list lives here, once). */
@Injectable()
export class DeadlineQueueRepository {
  /** Appends the event; false when its id was there already (a redelivery: nothing to do). */
  async appendEvent(tx: EntityManager, event: Omit<DeadlineQueueEventEntity, never>): Promise<boolean> {
    const r = await tx
      .createQueryBuilder()
      .insert()
      .into(DeadlineQueueEventEntity)
      .values({ ...event, detail: event.detail as never })
      .orIgnore()
      .returning('event_id')
      .execute();
    return (r.raw as unknown[]).length === 1;
  }

  /** Serialises the writes of one deadline until the transaction ends. */
  async lockDeadline(tx: EntityManager, deadlineId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notifications.deadline-queue:${deadlineId}`]);
  }

  async eventsOf(tx: EntityManager, deadlineId: string): Promise<DeadlineQueueEventEntity[]> {
    return tx.find(DeadlineQueueEventEntity, { where: { deadlineId }, order: { at: 'ASC', eventId: 'ASC' } });
  }

  /** Writes the item as given; a legally urgent item stays so (an earlier event may have said it, a later one not). */
  async upsertItem(tx: EntityManager, item: DeadlineQueueItemEntity): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(DeadlineQueueItemEntity)
      .values(item)
      .orUpdate(
        [
          'family_id',
          'county_code',
          'owner_service',
          'agency',
          'program',
          'rule_id',
          'citation',
          'subject_ref',
          'due_at',
          'explanation',
          'state',
          'assignee_staff_id',
          'unit_id',
          'updated_at',
        ],
        ['deadline_id'],
      )
      .execute();
    if (item.legallyUrgent) await tx.update(DeadlineQueueItemEntity, { deadlineId: item.deadlineId }, { legallyUrgent: true });
  }

  async item(tx: EntityManager, deadlineId: string): Promise<DeadlineQueueItemEntity | null> {
    return tx.findOne(DeadlineQueueItemEntity, { where: { deadlineId } });
  }

  async setAssignee(tx: EntityManager, deadlineId: string, staffId: string, unitId: string, now: Date): Promise<void> {
    await tx.update(DeadlineQueueItemEntity, { deadlineId }, { assigneeStaffId: staffId, unitId, updatedAt: now });
  }

  /**
   * A page of the queue the caller may see, most urgent first; one more row than `limit` says another page follows.
   * Visible: the caller's county, and an owner service the caller supervises, or assigned to the caller, or the
   * caller notified at a level of one of its escalations.
   */
  async list(tx: EntityManager, vis: QueueVisibility, filters: QueueFilters, limit: number, after?: QueueCursor): Promise<QueueRow[]> {
    const params: unknown[] = [vis.countyCode, [...vis.supervisedOwnerServices], vis.staffId, [...queueBands], [...filters.states]];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filters.unitId) add((p) => `unit_id = ${p}`, filters.unitId);
    if (filters.staffId) add((p) => `assignee_staff_id::text = ${p}`, filters.staffId);
    if (filters.program) add((p) => `program = ${p}`, filters.program);
    if (filters.ruleId) add((p) => `rule_id = ${p}`, filters.ruleId);
    if (filters.agency) add((p) => `agency = ${p}`, filters.agency);
    if (after) {
      params.push(after.band, after.urgent ? 0 : 1, new Date(after.dueAt), after.deadlineId);
      const n = params.length;
      where.push(`(band, urgent_rank, due_at, deadline_id) > ($${n - 3}::int, $${n - 2}::int, $${n - 1}::timestamptz, $${n}::uuid)`);
    }
    params.push(limit);
    const rows = (await tx.query(
      `${this.visibleSql(tx)}
       SELECT * FROM b ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY band, urgent_rank, due_at, deadline_id
        LIMIT $${params.length}`,
      params,
    )) as RawRow[];
    return rows.map(rowOf);
  }

  /** One item if the caller may see it (any state shown, `met` and cancelled included). */
  async visible(tx: EntityManager, vis: QueueVisibility, deadlineId: string): Promise<QueueRow | null> {
    const rows = (await tx.query(`${this.visibleSql(tx, true)} SELECT * FROM b WHERE deadline_id = $6::uuid`, [
      vis.countyCode,
      [...vis.supervisedOwnerServices],
      vis.staffId,
      [...queueBands],
      [],
      deadlineId,
    ])) as RawRow[];
    return rows[0] ? rowOf(rows[0]) : null;
  }

  /** The timeline entries of every escalation of the deadline, in their order. */
  async escalationTimeline(tx: EntityManager, deadlineId: string): Promise<EscalationTimelineEntryEntity[]> {
    return tx
      .createQueryBuilder(EscalationTimelineEntryEntity, 't')
      .innerJoin(EscalationEntity, 'e', 'e.escalation_id = t.escalation_id')
      .where('e.deadline_id = :deadlineId', { deadlineId })
      .orderBy('t.at', 'ASC')
      .addOrderBy('t.seq', 'ASC')
      .getMany();
  }

  /** Parameters: $1 county, $2 supervised owner services, $3 the caller's staff id, $4 the bands, $5 the states listed. */
  private visibleSql(tx: EntityManager, anyState = false): string {
    const items = tableOf(tx, DeadlineQueueItemEntity);
    const escalations = tableOf(tx, EscalationEntity);
    const timeline = tableOf(tx, EscalationTimelineEntryEntity);
    return `
      WITH q AS (
        SELECT i.*, e.escalation_id AS esc_id, e.status AS esc_status, e.level AS esc_level, e.next AS esc_next,
               CASE WHEN i.state = 'overdue' AND e.status = 'open' AND e.level >= 1 THEN 'escalated'
                    WHEN i.state = 'overdue' AND e.status = 'acknowledged' THEN 'acknowledged'
                    ELSE i.state END AS view_state
          FROM ${items} i
          LEFT JOIN LATERAL (
            SELECT x.escalation_id, x.status, x.level, x.next FROM ${escalations} x
             WHERE x.deadline_id = i.deadline_id ORDER BY x.started_at DESC LIMIT 1) e ON true
         WHERE i.county_code = $1
           AND (i.owner_service = ANY($2::text[])
                OR i.assignee_staff_id::text = $3::text
                OR EXISTS (SELECT 1 FROM ${escalations} x2 JOIN ${timeline} t ON t.escalation_id = x2.escalation_id
                            WHERE x2.deadline_id = i.deadline_id AND t.detail -> 'recipients' ? $3::text))
      ), b AS (
        SELECT q.*, COALESCE(array_position($4::text[], q.view_state), array_length($4::text[], 1) + 1) - 1 AS band,
               CASE WHEN q.legally_urgent THEN 0 ELSE 1 END AS urgent_rank
          FROM q WHERE ${anyState ? 'cardinality($5::text[]) = 0' : 'q.view_state = ANY($5::text[])'}
      )`;
  }
}
