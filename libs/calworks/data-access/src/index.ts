// The CalWORKs data-access lib (issue 12): exports are added as each slice lands.
export * from './lib/household/assistance-unit.entity';
export * from './lib/household/au-member.entity';
export * from './lib/household/aided-status-change.entity';
export * from './lib/household/grant-change.entity';
export * from './lib/household/wtw-participant.entity';
export * from './lib/household/wtw-plan.entity';
export * from './lib/household/wtw-activity.entity';
export * from './lib/household/wtw-exemption.entity';
export * from './lib/household/supportive-service.entity';
export * from './lib/household/family-stabilization-referral.entity';
export * from './lib/household/household.entities';
export * from './lib/household/household-lock';
export * from './lib/household/assistance-unit.repository';
export * from './lib/household/wtw-participant.repository';
export * from './lib/household/create-calworks-household-tables.migration';
