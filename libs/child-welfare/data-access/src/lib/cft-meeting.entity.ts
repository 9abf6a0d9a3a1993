import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Child and Family Team meeting of a case. */
@Entity({ name: 'cft_meetings' })
export class CftMeetingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('date') heldOn!: string;
}
