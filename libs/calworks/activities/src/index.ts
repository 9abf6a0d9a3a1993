// The CalWORKs activities lib (issue 12): exports are added as each slice lands.
export {};
export * from './lib/sanction/sanction.activities';
export * from './lib/sanction/sanction-activities.provider';
export * from './lib/fr-window/fr-aid-window.activities';
export * from './lib/fr-window/fr-aid-window-activities.provider';
export * from './lib/publish-calworks-event';
export * from './lib/fr-window/fr-aid-window.rows';
