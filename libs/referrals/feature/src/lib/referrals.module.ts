import { Module } from '@nestjs/common';
import { DeadlineClient, EVENT_HANDLERS } from '@linkages/platform-service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';
import { referralEventHandlers } from './referral-event.handlers';

/** The referrals API: Linkages referrals, identity matching and sharing authorities. */
@Module({ controllers: [ReferralsController], providers: [ReferralsService] })
export class ReferralsApiModule {}

/** The referrals worker's event handlers (started deadlines run on its Temporal worker). */
export const referralEventHandlersProvider = { provide: EVENT_HANDLERS, inject: [DeadlineClient], useFactory: referralEventHandlers };
