export * from './lib/referral.entity';
export * from './lib/referral-member.entity';
export * from './lib/sharing-authority.entity';
export * from './lib/referral.entities';
export * from './lib/create-referral-tables.migration';
export * from './lib/referral.repository';
export * from './lib/sharing-authority.repository';
