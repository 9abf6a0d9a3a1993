export * from './timeliness-period';
