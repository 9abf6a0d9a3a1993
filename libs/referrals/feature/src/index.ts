export * from './lib/referral.entities';
export * from './lib/referral.schemas';
export * from './lib/referral.view';
export * from './lib/referrals.service';
export * from './lib/referrals.controller';
export * from './lib/referral-event.handlers';
export * from './lib/referrals.module';
