export * from './timeliness-report.repository';
