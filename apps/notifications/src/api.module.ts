import { Module } from '@nestjs/common';
import { PlatformModule } from '@linkages/platform-service';
import { service } from './service';

/**
 * The notifications API. The organisation and escalation routes (NotificationsOrganisationModule,
 * NotificationsEscalationModule) are built and tested in their libs; they are mounted here once the access matrix and
 * the OpenAPI conventions cover them (issue 14, in progress).
 */
@Module({ imports: [PlatformModule.forApi(service)] })
export class ApiModule {}
