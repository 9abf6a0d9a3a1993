import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { ReferralsApiModule } from '@linkages/referrals-feature';
import { service } from './service';

@Module({ imports: [PlatformModule.forApi(service), ReferralsApiModule] })
export class ApiModule {}
