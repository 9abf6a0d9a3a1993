// The Linkages coordination workflows (issue 13): exports are added as each slice lands.
export {};
export * from './lib/sharing-authority/sharing-authority.messages';
export * from './lib/sharing-authority/sharing-authority.workflow';
export * from './lib/coordination/coordination.messages';
export * from './lib/coordination/coordination.workflow';
