// The CalWORKs workflows lib (issue 12): exports are added as each slice lands.
export {};
export * from './lib/fr-window/fr-aid-window.messages';
export * from './lib/fr-window/fr-aid-window.workflow';
export * from './lib/sanction/sanction.messages';
export * from './lib/sanction/sanction.workflow';
