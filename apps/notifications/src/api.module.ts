import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { NotificationsEscalationModule, NotificationsOrganisationModule } from '@linkages/notifications-feature';
import { service } from './service';

/**
 * The notifications API: the organisation (seeded from infra/local/organisation.json at start; read, assignments) and
 * escalations (read, acknowledge through the API or a signed link).
 */
@Module({ imports: [PlatformModule.forApi(service), NotificationsOrganisationModule, NotificationsEscalationModule] })
export class ApiModule {}
