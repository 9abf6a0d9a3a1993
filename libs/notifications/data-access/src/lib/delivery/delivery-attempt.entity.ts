import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One attempt at a delivery, with its outcome (no personal data in `detail`). */
@Entity({ name: 'delivery_attempts' })
export class DeliveryAttemptEntity {
  @PrimaryColumn('uuid') attemptId!: string;
  @Column('uuid') deliveryId!: string;
  @Column('text') outcome!: 'delivered' | 'failed' | 'skipped';
  @Column('text', { nullable: true }) detail!: string | null;
  @Column('timestamptz') at!: Date;
}
