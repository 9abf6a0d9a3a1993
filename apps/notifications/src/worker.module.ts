import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { service } from './service';

@Module({ imports: [PlatformModule.forWorker(service)] })
export class WorkerModule {}
