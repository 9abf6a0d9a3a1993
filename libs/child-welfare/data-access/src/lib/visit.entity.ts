import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A caseworker visit with a child of a case. */
@Entity({ name: 'visits' })
export class VisitEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') childId!: string;
  @Column('date') visitedOn!: string;
}
