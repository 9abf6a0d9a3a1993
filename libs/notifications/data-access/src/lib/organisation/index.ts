import { StaffAssignmentEntity } from './staff-assignment.entity';
import { StaffPersonEntity } from './staff-person.entity';
import { StaffUnitEntity } from './staff-unit.entity';

export * from './create-notifications-organisation-tables.migration';
export * from './organisation.repository';
export * from './staff-assignment.entity';
export * from './staff-person.entity';
export * from './staff-unit.entity';

export const organisationEntities = [StaffPersonEntity, StaffUnitEntity, StaffAssignmentEntity];
