import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FrCloseReason, FrRefusalCode, FrStatus } from '@linkages/calworks-domain';

/** A child welfare removal as CalWORKs holds it: the FR aid process of `calworks/fr-aid-window/<removalId>`. */
@Entity({ name: 'fr_removals' })
export class FrRemovalEntity {
  @PrimaryColumn('uuid') removalId!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') familyId!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') childId!: string;
  /** The AU found by county and case number; null while the case number is on the review list. */
  @Column('uuid', { nullable: true }) auId!: string | null;
  @Column('uuid', { nullable: true }) reviewId!: string | null;
  @Column('timestamptz') removedAt!: Date;
  @Column('boolean') allChildrenRemoved!: boolean;
  @Column('text') status!: FrStatus;
  @Column('uuid', { nullable: true }) recommendationCasePlanId!: string | null;
  @Column('date', { nullable: true }) recommendedOn!: string | null;
  @Column('boolean', { nullable: true }) recommendsAb429Services!: boolean | null;
  /** The temporary-absence month ended without child welfare's cash-aid recommendation. */
  @Column('timestamptz', { nullable: true }) recommendationEscalatedAt!: Date | null;
  @Column('text', { nullable: true }) closeReason!: FrCloseReason | null;
  @Column('date', { nullable: true }) closedOn!: string | null;
  /** Requests refused with their reason (a second window for the removal, an AB 429 exclusion). */
  @Column('jsonb') refusals!: { code: FrRefusalCode; reason: string; at: string }[];
  @Column('timestamptz') receivedAt!: Date;
}
