import { Module } from '@nestjs/common';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { AssignWorkCommand } from './assign-work.command';
import { OrganisationController } from './organisation.controller';
import { OrganisationSeeder } from './organisation.seeder';
import { ReadOrganisationQuery } from './read-organisation.query';

/** The organisation (issue 14, Deliver 1): seeded from configuration at start, read and assigned through the API. */
@Module({
  controllers: [OrganisationController],
  providers: [OrganisationRepository, OrganisationSeeder, ReadOrganisationQuery, AssignWorkCommand],
  exports: [OrganisationRepository],
})
export class NotificationsOrganisationModule {}
