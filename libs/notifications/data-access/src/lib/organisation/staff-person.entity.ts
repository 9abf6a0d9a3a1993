import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Absence, StaffAgency } from '@linkages/notifications-domain';

/** A person of the organisation (pseudonymous staff id; the name and e-mail are the staff member's own work contact). */
@Entity({ name: 'staff_people' })
@Index('staff_people_scope', ['countyCode', 'agency'])
export class StaffPersonEntity {
  @PrimaryColumn('uuid') staffId!: string;
  @Column('text') displayName!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text') agency!: StaffAgency;
  @Column('text') countyCode!: string;
  @Column('text') unitId!: string;
  @Column('jsonb') absences!: Absence[];
  @Column('jsonb', { nullable: true }) quietHours!: { start: string; end: string } | null;
  @Column('jsonb') channels!: { email: boolean; webhook: boolean };
  /** `configuration` (seeded from infra/local/organisation.json) or `api` (edited since; the seeder never overwrites it). */
  @Column('text') source!: 'configuration' | 'api';
  @Column('timestamptz') updatedAt!: Date;
}
