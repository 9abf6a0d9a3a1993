import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { service } from './service';

@Module({ imports: [PlatformModule.forApi(service)] })
export class ApiModule {}
