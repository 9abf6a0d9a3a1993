import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StaffAgency } from '@linkages/notifications-domain';
import type { ServiceName } from '@linkages/shared-contracts';

/** A unit (team) with who supervises it, manages it, is manager on duty and covers after hours. */
@Entity({ name: 'staff_units' })
@Index('staff_units_scope', ['countyCode', 'agency'])
export class StaffUnitEntity {
  @PrimaryColumn('text') unitId!: string;
  @Column('text') name!: string;
  @Column('text') agency!: StaffAgency;
  @Column('text') countyCode!: string;
  @Column('uuid') supervisorId!: string;
  @Column('uuid') managerId!: string;
  @Column('uuid') managerOnDutyId!: string;
  @Column('uuid', { nullable: true }) afterHoursCoverId!: string | null;
  @Column('uuid', { nullable: true }) intakeWorkerId!: string | null;
  @Column('jsonb') programs!: ServiceName[];
  @Column('text') source!: 'configuration' | 'api';
  @Column('timestamptz') updatedAt!: Date;
}
