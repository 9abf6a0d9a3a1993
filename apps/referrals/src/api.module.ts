import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import {
  LinkagesAuthorityModule,
  LinkagesCoordinationModule,
  LinkagesIdentityModule,
  LinkagesPlanModule,
  LinkagesPreventionModule,
  LinkagesTimelineModule,
  ReferralsApiModule,
} from '@linkages/referrals-feature';
import { service } from './service';

/** The referrals API: Linkages referrals, the shared family (matching, authorities, coordination, plan, timeline). */
@Module({
  imports: [
    PlatformModule.forApi(service),
    ReferralsApiModule,
    LinkagesIdentityModule,
    LinkagesAuthorityModule,
    LinkagesCoordinationModule,
    LinkagesPlanModule,
    LinkagesTimelineModule,
    LinkagesPreventionModule,
  ],
})
export class ApiModule {}
