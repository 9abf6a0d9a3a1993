import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import {
  NotificationsDeadlineQueueModule,
  NotificationsEscalationModule,
  NotificationsInboxModule,
  NotificationsOrganisationModule,
  NotificationsReportsModule,
  NotificationsWebhookModule,
} from '@linkages/notifications-feature';
import { service } from './service';

/**
 * The notifications API: escalations (read, acknowledge by API or signed link), the organisation they climb, and each
 * person's in-app inbox (REST and server-sent events), an agency's signed webhook endpoints, and the supervisor's
 * deadline queue and timeliness reports.
 */
@Module({
  imports: [
    PlatformModule.forApi(service),
    NotificationsEscalationModule,
    NotificationsOrganisationModule,
    NotificationsInboxModule,
    NotificationsWebhookModule,
    NotificationsDeadlineQueueModule,
    NotificationsReportsModule,
  ],
})
export class ApiModule {}
