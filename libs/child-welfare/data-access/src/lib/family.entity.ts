import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'families' })
export class FamilyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('text', { nullable: true }) calworksCaseNumber!: string | null;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
}
