import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import {
  deliveryActivitiesProvider,
  escalationActivitiesProvider,
  organisationActivitiesProvider,
  recipientDirectoryProvider,
} from '@linkages/notifications-activities';
import { EscalationProcesses, OrganisationSeeder, deadlineEventHandlersProvider } from '@linkages/notifications-feature';
import { service } from './service';

/**
 * The notifications worker (it seeds the organisation from infra/local/organisation.json at start): the escalation ladder's and notices' activities (who a role is when a level fires, the
 * escalation's read model and events, delivery), and the deadline events that start and stop them.
 */
@Module({
  imports: [
    PlatformModule.forWorker(service, {
      activities: [escalationActivitiesProvider, organisationActivitiesProvider, deliveryActivitiesProvider],
      eventHandlers: [deadlineEventHandlersProvider],
      providers: [EscalationProcesses, OrganisationRepository, OrganisationSeeder, recipientDirectoryProvider],
    }),
  ],
})
export class WorkerModule {}
