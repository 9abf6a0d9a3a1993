import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { frAidWindowActivitiesProvider, sanctionActivitiesProvider } from '@linkages/calworks-activities';
import { SanctionRepository, WtwParticipantRepository } from '@linkages/calworks-data-access';
import {
  SanctionLinkages,
  frWindowEventHandlersProvider,
  frWindowWorkerProviders,
  linkagesPriorityHandlersProvider,
} from '@linkages/calworks-feature';
import { service } from './service';

/** The CalWORKs worker: its processes' activities, the handlers of child welfare's events, and what they inject. */
@Module({
  imports: [
    PlatformModule.forWorker(service, {
      activities: [sanctionActivitiesProvider, frAidWindowActivitiesProvider],
      eventHandlers: [frWindowEventHandlersProvider, linkagesPriorityHandlersProvider],
      providers: [...frWindowWorkerProviders, SanctionRepository, WtwParticipantRepository, SanctionLinkages],
    }),
  ],
})
export class WorkerModule {}
