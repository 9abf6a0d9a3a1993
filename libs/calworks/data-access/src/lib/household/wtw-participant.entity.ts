import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An AU member in Welfare-to-Work (one participation per member). */
@Entity({ name: 'wtw_participants' })
@Unique('wtw_participants_member', ['memberId'])
export class WtwParticipantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') auId!: string;
  @Column('uuid') memberId!: string;
  @Column('text') countyCode!: string;
  @Column('date') enrolledOn!: string;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
}
