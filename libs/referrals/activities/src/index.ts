// The Linkages coordination activities (issue 13): exports are added as each slice lands.
export {};
export * from './lib/sharing-authority/sharing-authority.activities';
export * from './lib/sharing-authority/sharing-authority-activities.provider';
export * from './lib/coordination/coordination.activities';
export * from './lib/coordination/coordination-activities.provider';
export * from './lib/coordination/coordination-hand-over';
