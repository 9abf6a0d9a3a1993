import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportGrouping } from '@linkages/notifications-domain';
import { EscalationEntity } from '../escalation/escalation.entity';
import { EscalationTimelineEntryEntity } from '../escalation/escalation-timeline-entry.entity';
import { DeadlineQueueEventEntity } from '../queue/deadline-queue-event.entity';
import { DeadlineQueueItemEntity } from '../queue/deadline-queue-item.entity';
import { tableOf } from '../table-of';

/** What a timeliness report covers: whose deadlines (county, owner services), which months, grouped how. */
export interface TimelinessReportScope {
  countyCode: string;
  ownerServices: readonly string[];
  /** The first instant of the first month and the first instant after the last (ISO). */
  start: string;
  end: string;
  /** The months, YYYY-MM in `timeZone`, from and to included. */
  from: string;
  to: string;
  timeZone: string;
  groupBy: readonly ReportGrouping[];
  program?: string;
  ruleId?: string;
  unitId?: string;
  now: Date;
}

/** One group's figures as the database computes them (percentiles linear, as percentile_cont). */
export interface TimelinessReportRow {
  key: { ruleId?: string; unitId?: string | null; countyCode?: string; month?: string };
  deadlines: number;
  met: number;
  metOnTime: number;
  metLate: number;
  openOverdue: number;
  latenessHours: { median: number; p90: number } | null;
  acknowledgeMinutes: { median: number; p90: number } | null;
  highestLevel: number;
  escalated: number;
}

const columnOf: Record<ReportGrouping, string> = { rule: 'rule_id', unit: 'unit_id', county: 'county_code', month: 'month' };
const fieldOf = { rule: 'ruleId', unit: 'unitId', county: 'countyCode', month: 'month' } as const;

type Raw = Record<string, string | number | null> & {
  deadlines: string;
  met: string;
  met_on_time: string;
  met_late: string;
  open_overdue: string;
  late_median: number | null;
  late_p90: number | null;
  ack_median: number | null;
  ack_p90: number | null;
  highest_level: number;
  escalated: string;
};

const pair = (median: number | null, p90: number | null) =>
  median === null || p90 === null ? null : { median: Number(median), p90: Number(p90) };

/**
 * The timeliness of deadlines over the queue's read model, in one statement. The population: the scope's deadlines
 * (never cancelled ones) that fell due in the period (due instant in a month of it and not after now), or were met in
 * it; each counted in the month it fell due, else (due before the period, met in it) the month it was met.
 * Met at: the satisfied event's `satisfiedAt` (its event time when absent); late: its `late` flag (else met after the
 * due instant). Open overdue: not met and due before now. Lateness in hours: met late ones (met at − due) and open
 * overdue ones (now − due). Acknowledgment minutes: per acknowledged escalation, its first acknowledgment − its start.
 * Highest level: the highest level any escalation of the group's deadlines reached (0: none); escalated: deadlines
 * with an escalation that reached level 1 or more.
 */
@Injectable()
export class TimelinessReportRepository {
  async report(tx: EntityManager, scope: TimelinessReportScope): Promise<TimelinessReportRow[]> {
    const items = tableOf(tx, DeadlineQueueItemEntity);
    const events = tableOf(tx, DeadlineQueueEventEntity);
    const escalations = tableOf(tx, EscalationEntity);
    const timeline = tableOf(tx, EscalationTimelineEntryEntity);
    const params: unknown[] = [
      scope.countyCode,
      [...scope.ownerServices],
      scope.start,
      scope.end,
      scope.from,
      scope.to,
      scope.timeZone,
      scope.now.toISOString(),
    ];
    const filters: string[] = [];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      filters.push(`AND i.${column} = $${params.length}`);
    };
    add('program', scope.program);
    add('rule_id', scope.ruleId);
    add('unit_id', scope.unitId);
    const keys = scope.groupBy.map((g) => columnOf[g]);
    const keyList = keys.join(', ');
    const joinOn = keys.map((k) => `a.${k} IS NOT DISTINCT FROM g.${k}`).join(' AND ');
    const orderBy = keys.map((k) => `g.${k} ASC NULLS LAST`).join(', ');
    const rows = (await tx.query(
      `
      WITH base AS (
        SELECT i.deadline_id, i.rule_id, i.unit_id, i.county_code, i.due_at, i.state = 'met' AS is_met, s.met_at,
               COALESCE(s.late, s.met_at > i.due_at) AS late,
               to_char(i.due_at AT TIME ZONE $7, 'YYYY-MM') AS due_month,
               to_char(s.met_at AT TIME ZONE $7, 'YYYY-MM') AS met_month
          FROM ${items} i
          LEFT JOIN LATERAL (
            SELECT COALESCE((e.detail ->> 'satisfiedAt')::timestamptz, e.at) AS met_at, (e.detail ->> 'late')::boolean AS late
              FROM ${events} e
             WHERE e.deadline_id = i.deadline_id AND e.kind = 'satisfied'
             ORDER BY e.at, e.event_id LIMIT 1) s ON i.state = 'met'
         WHERE i.county_code = $1 AND i.owner_service = ANY($2::text[]) AND i.state <> 'cancelled'
           AND ((i.due_at >= $3::timestamptz AND i.due_at < $4::timestamptz AND i.due_at <= $8::timestamptz)
                OR (s.met_at >= $3::timestamptz AND s.met_at < $4::timestamptz))
           ${filters.join(' ')}
      ), scoped AS (
        SELECT b.*,
               CASE WHEN b.due_month BETWEEN $5 AND $6 AND b.due_at <= $8::timestamptz THEN b.due_month ELSE b.met_month END AS month,
               CASE WHEN b.is_met AND b.late THEN GREATEST(EXTRACT(EPOCH FROM b.met_at - b.due_at), 0) / 3600
                    WHEN NOT b.is_met AND b.due_at < $8::timestamptz THEN EXTRACT(EPOCH FROM $8::timestamptz - b.due_at) / 3600
               END AS lateness_hours
          FROM base b
      ), esc AS (
        SELECT x.deadline_id, x.escalation_id,
               GREATEST(x.level, COALESCE((SELECT max(t.level) FROM ${timeline} t WHERE t.escalation_id = x.escalation_id), 0)) AS top,
               EXTRACT(EPOCH FROM (SELECT min(t.at) FROM ${timeline} t
                                    WHERE t.escalation_id = x.escalation_id AND t.kind = 'acknowledged') - x.started_at) / 60 AS ack_minutes
          FROM ${escalations} x
         WHERE x.deadline_id IN (SELECT deadline_id FROM scoped)
      ), per_deadline AS (
        SELECT s.*, COALESCE((SELECT max(e.top) FROM esc e WHERE e.deadline_id = s.deadline_id), 0) AS top
          FROM scoped s
      ), g AS (
        SELECT ${keyList},
               count(*) AS deadlines,
               count(*) FILTER (WHERE is_met) AS met,
               count(*) FILTER (WHERE is_met AND NOT late) AS met_on_time,
               count(*) FILTER (WHERE is_met AND late) AS met_late,
               count(*) FILTER (WHERE NOT is_met AND due_at < $8::timestamptz) AS open_overdue,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_hours) FILTER (WHERE lateness_hours IS NOT NULL) AS late_median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY lateness_hours) FILTER (WHERE lateness_hours IS NOT NULL) AS late_p90,
               max(top)::int AS highest_level,
               count(*) FILTER (WHERE top >= 1) AS escalated
          FROM per_deadline GROUP BY ${keyList}
      ), a AS (
        SELECT ${keys.map((k) => `s.${k}`).join(', ')},
               percentile_cont(0.5) WITHIN GROUP (ORDER BY e.ack_minutes) AS ack_median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY e.ack_minutes) AS ack_p90
          FROM scoped s JOIN esc e ON e.deadline_id = s.deadline_id
         WHERE e.ack_minutes IS NOT NULL
         GROUP BY ${keys.map((k) => `s.${k}`).join(', ')}
      )
      SELECT ${keys.map((k) => `g.${k}`).join(', ')}, g.deadlines, g.met, g.met_on_time, g.met_late, g.open_overdue,
             round(g.late_median::numeric, 1)::float8 AS late_median, round(g.late_p90::numeric, 1)::float8 AS late_p90,
             round(a.ack_median::numeric, 1)::float8 AS ack_median, round(a.ack_p90::numeric, 1)::float8 AS ack_p90,
             g.highest_level, g.escalated
        FROM g LEFT JOIN a ON ${joinOn}
       ORDER BY ${orderBy}`,
      params,
    )) as Raw[];
    return rows.map((r) => ({
      key: Object.fromEntries(scope.groupBy.map((g) => [fieldOf[g], r[columnOf[g]] ?? null])) as TimelinessReportRow['key'],
      deadlines: Number(r.deadlines),
      met: Number(r.met),
      metOnTime: Number(r.met_on_time),
      metLate: Number(r.met_late),
      openOverdue: Number(r.open_overdue),
      latenessHours: pair(r.late_median, r.late_p90),
      acknowledgeMinutes: pair(r.ack_median, r.ack_p90),
      highestLevel: Number(r.highest_level),
      escalated: Number(r.escalated),
    }));
  }
}
