import { WebhookDeliveryContextEntity } from './webhook-delivery-context.entity';
import { WebhookEndpointStateEntity } from './webhook-endpoint-state.entity';

/** The webhook slice's own tables (webhook_endpoints and webhook_deliveries are in the delivery slice's list). */
export const webhookEntities = [WebhookEndpointStateEntity, WebhookDeliveryContextEntity];
