import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiProblems, ApiSuccess, ZodValidationPipe, openApiSchemaOf } from '@linkages/platform-http';
import { reportsSupervisorsOnly } from './reports.problems';
import { TimelinessReportQueryHandler } from './timeliness-report.query';
import {
  timelinessReportQuery,
  timelinessReportResponse,
  type TimelinessReportQuery,
  type TimelinessReportResponse,
} from './timeliness-report.schemas';

const param = (name: keyof typeof timelinessReportQuery.shape) =>
  ApiQuery({ name, required: false, schema: openApiSchemaOf(timelinessReportQuery.shape[name], 'input') });

/** Supervisors' reports over the deadlines notifications hears about (issue 15 item 4). */
@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly timeliness: TimelinessReportQueryHandler) {}

  @Get('reports/timeliness')
  @Requires('escalation.read')
  @ApiOperation({
    summary: 'Report how timely your agency’s deadlines were, by rule, unit, county or month (a supervisor of your agency)',
    description:
      'Your county and the agency you supervise. Counts the deadlines that fell due in the period (by now) or were met in it, each in the month it fell due (else the month it was met), months in America/Los_Angeles. On time: met and not late; on-time % = met on time / (met + open overdue). Lateness over met late and open overdue ones; acknowledgment minutes over acknowledged escalations. Audited.',
  })
  @param('from')
  @param('to')
  @param('groupBy')
  @param('program')
  @param('ruleId')
  @param('unitId')
  @ApiSuccess(timelinessReportResponse, { status: 200, description: 'One row per group, sorted by its key' })
  @ApiProblems('validation', reportsSupervisorsOnly)
  report(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(timelinessReportQuery, 'query')) query: TimelinessReportQuery,
    @CorrelationId() correlationId: string,
  ): Promise<TimelinessReportResponse> {
    return this.timeliness.execute({ principal, correlationId }, query);
  }
}
