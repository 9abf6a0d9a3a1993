import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { CalworksFrWindowModule, CalworksHouseholdModule, CalworksSanctionModule } from '@linkages/calworks-feature';
import { service } from './service';

@Module({ imports: [PlatformModule.forApi(service), CalworksHouseholdModule, CalworksSanctionModule, CalworksFrWindowModule] })
export class ApiModule {}
