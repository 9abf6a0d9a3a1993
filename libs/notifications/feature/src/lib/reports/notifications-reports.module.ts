import { Module } from '@nestjs/common';
import { TimelinessReportRepository } from '@linkages/notifications-data-access';
import { ReportsController } from './reports.controller';
import { TimelinessReportQueryHandler } from './timeliness-report.query';

/** Supervisors' reports (issue 15 item 4): GET /reports/timeliness. */
@Module({
  controllers: [ReportsController],
  providers: [TimelinessReportRepository, TimelinessReportQueryHandler],
})
export class NotificationsReportsModule {}
