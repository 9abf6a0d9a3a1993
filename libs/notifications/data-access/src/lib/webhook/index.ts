export * from './webhook-endpoint-state.entity';
export * from './webhook-delivery-context.entity';
export * from './webhook.entities';
export * from './create-notifications-webhook-tables.migration';
export * from './webhook-endpoint.repository';
export * from './webhook-delivery.queue';
