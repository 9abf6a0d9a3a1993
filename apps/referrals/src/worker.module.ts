import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { referralEventHandlersProvider } from '@linkages/referrals-feature';
import { service } from './service';

@Module({ imports: [PlatformModule.forWorker(service, { eventHandlers: [referralEventHandlersProvider] })] })
export class WorkerModule {}
