import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { InboxItemEntity } from './inbox-item.entity';
import { UsedAckNonceEntity } from './used-ack-nonce.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export const deliveryEntities = [
  InboxItemEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  UsedAckNonceEntity,
];
