import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The CWES supervisor's review of a sanction request: the sanction recorded, or good cause on a review ground. */
@Entity({ name: 'wtw_supervisor_reviews' })
export class SupervisorReviewEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') requestId!: string;
  @Column('uuid') episodeId!: string;
  @Column('text') countyCode!: string;
  @Column('text') decision!: 'sanction' | 'good-cause';
  @Column('text', { nullable: true }) ground!: string | null;
  @Column('date') reviewedOn!: string;
  @Column('text') reviewedBy!: string;
}
