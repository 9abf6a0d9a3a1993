export * from './reports.problems';
export * from './timeliness-report.schemas';
export * from './notifications-reports.module';
