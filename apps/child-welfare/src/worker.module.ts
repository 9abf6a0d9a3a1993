import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { childWelfareEventHandlersProvider } from '@linkages/child-welfare-feature';
import { service } from './service';

@Module({ imports: [PlatformModule.forWorker(service, { eventHandlers: [childWelfareEventHandlersProvider] })] })
export class WorkerModule {}
