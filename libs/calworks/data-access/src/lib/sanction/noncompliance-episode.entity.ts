import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EpisodeResolution, EpisodeStatus, LinkagesSource, NoncomplianceReason, NoticeForm } from '@linkages/calworks-domain';

/** A WTW noncompliance episode (NA 840/845 issued); its sanction process is the workflow `calworks/sanction/<id>`. */
@Entity({ name: 'wtw_noncompliance_episodes' })
export class NoncomplianceEpisodeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') familyId!: string;
  @Column('uuid') auId!: string;
  @Column('uuid') participantId!: string;
  @Column('text') noticeForm!: NoticeForm;
  @Column('date') noticeIssuedOn!: string;
  @Column('text') reason!: NoncomplianceReason;
  @Column('text') status!: EpisodeStatus;
  /** Child welfare knows the family (issue 12 item 4): the event that said so. */
  @Column('text', { nullable: true }) linkagesPriority!: LinkagesSource | null;
  @Column('text', { nullable: true }) resolution!: EpisodeResolution | null;
  @Column('date', { nullable: true }) resolvedOn!: string | null;
  @Column('timestamptz') updatedAt!: Date;
}
