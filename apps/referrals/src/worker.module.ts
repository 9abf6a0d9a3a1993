import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { coordinationActivitiesProvider, sharingAuthorityActivitiesProvider } from '@linkages/referrals-activities';
import { CoordinationRepository, SharingAuthorityRepository } from '@linkages/referrals-data-access';
import {
  coordinationEventHandlersProvider,
  coordinationWorkerProviders,
  identityEventHandlersProvider,
  identityProviders,
  planEventHandlersProvider,
  planWorkerProviders,
  preventionEventHandlersProvider,
  timelineEventHandlersProvider,
} from '@linkages/referrals-feature';
import { service } from './service';

/**
 * The referrals worker: the Linkages processes' activities (coordination per shared family, the end of each authority
 * to share), the handlers of both agencies' events (matching, coordination, the coordinated plan, the timeline; the
 * inbox runs every slice's handler of one event in one transaction), and what they inject.
 */
@Module({
  imports: [
    PlatformModule.forWorker(service, {
      activities: [coordinationActivitiesProvider, sharingAuthorityActivitiesProvider],
      eventHandlers: [
        identityEventHandlersProvider,
        coordinationEventHandlersProvider,
        planEventHandlersProvider,
        timelineEventHandlersProvider,
        preventionEventHandlersProvider,
      ],
      providers: [
        ...new Set([...identityProviders, ...planWorkerProviders, ...coordinationWorkerProviders]),
        CoordinationRepository,
        SharingAuthorityRepository,
      ],
    }),
  ],
})
export class WorkerModule {}
