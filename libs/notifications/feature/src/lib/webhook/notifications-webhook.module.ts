import { Module } from '@nestjs/common';
import { WebhookDeliveryQueue, WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { DisableWebhookEndpointCommand } from './disable-webhook-endpoint.command';
import { EnableWebhookEndpointCommand } from './enable-webhook-endpoint.command';
import { ListWebhookEndpointsQuery } from './list-webhook-endpoints.query';
import { RegisterWebhookEndpointCommand } from './register-webhook-endpoint.command';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { WebhookEndpointsController } from './webhook-endpoints.controller';

/** The webhook endpoints API (issue 14, Deliver 3 and 5); the worker's WebhookDispatcherHost sends the messages. */
@Module({
  controllers: [WebhookEndpointsController],
  providers: [
    WebhookEndpointRepository,
    WebhookDeliveryQueue,
    RegisterWebhookEndpointCommand,
    ListWebhookEndpointsQuery,
    RotateWebhookSecretCommand,
    EnableWebhookEndpointCommand,
    DisableWebhookEndpointCommand,
  ],
})
export class NotificationsWebhookModule {}
