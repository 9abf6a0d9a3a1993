import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { CalworksHouseholdModule } from '@linkages/calworks-feature';
import { service } from './service';

@Module({ imports: [PlatformModule.forApi(service), CalworksHouseholdModule] })
export class ApiModule {}
