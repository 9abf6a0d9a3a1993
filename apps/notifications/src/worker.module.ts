import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import {
  deliveryActivitiesProvider,
  escalationActivitiesProvider,
  organisationActivitiesProvider,
  recipientDirectoryProvider,
  WebhookDispatcherHost,
} from '@linkages/notifications-activities';
import { EscalationProcesses, OrganisationSeeder, deadlineEventHandlersProvider } from '@linkages/notifications-feature';
import { service } from './service';

/**
 * The notifications worker (it seeds the organisation from infra/local/organisation.json at start): the escalation ladder's and notices' activities (who a role is when a level fires, the
 * escalation's read model and events, delivery), the deadline events that start and stop them, and the webhook dispatcher.
 */
@Module({
  imports: [
    PlatformModule.forWorker(service, {
      activities: [escalationActivitiesProvider, organisationActivitiesProvider, deliveryActivitiesProvider],
      eventHandlers: [deadlineEventHandlersProvider],
      // WebhookDispatcherHost: the loop that sends the signed webhook queue (docs/webhooks.md).
      providers: [EscalationProcesses, OrganisationRepository, OrganisationSeeder, recipientDirectoryProvider, WebhookDispatcherHost],
    }),
  ],
})
export class WorkerModule {}
