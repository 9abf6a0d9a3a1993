import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { problemException } from '@linkages/platform-http';
import { TimelinessReportRepository } from '@linkages/notifications-data-access';
import { REPORT_ZONE, onTimePercent, reportPeriodOf } from '@linkages/notifications-domain';
import { isSupervisor, queueVisibilityOf, type DeadlineQueueCtx } from '../queue/deadline-queue-access';
import { reportsSupervisorsOnly } from './reports.problems';
import type { TimelinessReportQuery, TimelinessReportResponse } from './timeliness-report.schemas';

/**
 * The timeliness report (issue 15 item 4): per group of rule, unit, county or month, how many deadlines of the
 * caller's county and supervised agency fell due or were met, how many on time, how late, how fast escalations were
 * acknowledged and how high they climbed. A supervisor (or manager) of the caller's agency only; audited once per
 * call (the period, the grouping, the filters and the row count: ids and codes only).
 */
@Injectable()
export class TimelinessReportQueryHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: TimelinessReportRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: DeadlineQueueCtx, query: TimelinessReportQuery, now: Date = new Date()): Promise<TimelinessReportResponse> {
    const { principal } = ctx;
    const filters = {
      ...(query.program ? { program: query.program } : {}),
      ...(query.ruleId ? { ruleId: query.ruleId } : {}),
      ...(query.unitId ? { unitId: query.unitId } : {}),
    };
    const record = (outcome: 'allowed' | 'denied', details: Record<string, unknown>) =>
      this.audit.append({
        ...auditActor(principal),
        action: outcome === 'allowed' ? 'read' : 'deny',
        recordType: 'timeliness-report',
        recordId: null,
        recordCounty: principal.county,
        purpose: 'timeliness-report',
        outcome,
        correlationId: ctx.correlationId,
        details,
      });
    if (!isSupervisor(principal)) {
      await record('denied', { refused: 'reports-supervisors-only' });
      throw problemException(reportsSupervisorsOnly, 'Only a supervisor or manager of your agency reads timeliness reports');
    }
    const resolved = reportPeriodOf(query, now);
    if (!resolved.ok)
      throw problemException('validation', resolved.message, { errors: [{ field: `query.${resolved.field}`, message: resolved.message }] });
    const { period } = resolved;
    const rows = await this.dataSource.transaction('REPEATABLE READ', (tx) =>
      this.reports.report(tx, {
        countyCode: principal.county,
        ownerServices: queueVisibilityOf(principal).supervisedOwnerServices,
        start: period.start,
        end: period.end,
        from: period.from,
        to: period.to,
        timeZone: REPORT_ZONE,
        groupBy: query.groupBy,
        ...filters,
        now,
      }),
    );
    await record('allowed', { from: period.from, to: period.to, groupBy: query.groupBy, filters, rows: rows.length });
    return {
      from: period.from,
      to: period.to,
      groupBy: query.groupBy,
      timeZone: REPORT_ZONE,
      generatedAt: now.toISOString(),
      rows: rows.map(({ key, ...r }) => ({
        key,
        deadlines: r.deadlines,
        met: r.met,
        metOnTime: r.metOnTime,
        metLate: r.metLate,
        openOverdue: r.openOverdue,
        onTimePct: onTimePercent(r.metOnTime, r.met, r.openOverdue),
        latenessHours: r.latenessHours,
        acknowledgeMinutes: r.acknowledgeMinutes,
        highestLevel: r.highestLevel,
        escalated: r.escalated,
      })),
    };
  }
}
