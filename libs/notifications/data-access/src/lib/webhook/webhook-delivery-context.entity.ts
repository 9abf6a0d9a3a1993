import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the dispatcher needs of a queued message besides its body, never sent to the endpoint: the notification's ids
 * for `notification-delivered` (ids only) and the channel's delivery key (one event per notification and channel).
 */
@Entity({ name: 'webhook_delivery_contexts' })
export class WebhookDeliveryContextEntity {
  @PrimaryColumn('uuid') webhookDeliveryId!: string;
  @Column('uuid') notificationId!: string;
  @Column('text') familyId!: string;
  @Column('text') recipientStaffId!: string;
  @Column('text') countyCode!: string;
  @Column('text') escalationId!: string;
  /** deliveryKey(req, 'webhook'): the notification-delivered event id derives from it. */
  @Column('text') channelKey!: string;
}
