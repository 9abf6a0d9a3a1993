import { Module } from '@nestjs/common';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { AssignWorkCommand } from './assign-work.command';
import { CreatePersonCommand } from './create-person.command';
import { EndAbsenceCommand } from './end-absence.command';
import { OrganisationEdit } from './organisation-edit';
import { OrganisationController } from './organisation.controller';
import { OrganisationSeeder } from './organisation.seeder';
import { PreferencesController } from './preferences.controller';
import { ReadOrganisationQuery } from './read-organisation.query';
import { ReadPreferencesQuery } from './read-preferences.query';
import { RecordAbsenceCommand } from './record-absence.command';
import { UpdatePersonCommand } from './update-person.command';
import { UpdatePreferencesCommand } from './update-preferences.command';
import { UpdateUnitCommand } from './update-unit.command';

/**
 * The organisation (issue 14, Deliver 1) and each person's preferences (Deliver 3): seeded from configuration at
 * start, read, assigned and edited through the API (audited).
 */
@Module({
  controllers: [OrganisationController, PreferencesController],
  providers: [
    OrganisationRepository,
    OrganisationSeeder,
    OrganisationEdit,
    ReadOrganisationQuery,
    AssignWorkCommand,
    CreatePersonCommand,
    UpdatePersonCommand,
    RecordAbsenceCommand,
    EndAbsenceCommand,
    UpdateUnitCommand,
    ReadPreferencesQuery,
    UpdatePreferencesCommand,
  ],
  exports: [OrganisationRepository],
})
export class NotificationsOrganisationModule {}
