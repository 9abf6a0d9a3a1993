import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A queued webhook message for one endpoint, tried until delivered or failed for good. */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_due', ['status', 'nextAttemptAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The `webhook-id` header: the same on every retry. */
  @Column('uuid') messageId!: string;
  @Column('uuid') deliveryId!: string;
  @Column('uuid') endpointId!: string;
  @Column('text') eventType!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('text') status!: 'pending' | 'delivered' | 'failed';
  @Column('integer', { default: 0 }) attempts!: number;
  @Column('timestamptz') nextAttemptAt!: Date;
  @Column('text', { nullable: true }) lastDetail!: string | null;
  @Column('timestamptz') createdAt!: Date;
}
