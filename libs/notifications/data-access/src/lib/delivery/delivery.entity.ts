import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One delivery of one notification over one channel, unique by its idempotency key. */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { unique: true }) idempotencyKey!: string;
  @Column('uuid') notificationId!: string;
  @Column('text') channel!: 'in-app' | 'email' | 'webhook';
  @Column('text') status!: 'pending' | 'delivered' | 'failed' | 'skipped';
  @Column('integer', { default: 0 }) attempts!: number;
  @Column('text', { nullable: true }) detail!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
