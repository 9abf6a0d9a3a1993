import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { childWelfareEventHandlersProvider, childWelfareWorkerProviders } from '@linkages/child-welfare-feature';
import { service } from './service';

@Module({
  imports: [
    PlatformModule.forWorker(service, { eventHandlers: [childWelfareEventHandlersProvider], providers: childWelfareWorkerProviders }),
  ],
})
export class WorkerModule {}
