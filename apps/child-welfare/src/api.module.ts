import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { ChildWelfareApiModule } from '@linkages/child-welfare-feature';
import { service } from './service';

@Module({ imports: [PlatformModule.forApi(service), ChildWelfareApiModule] })
export class ApiModule {}
