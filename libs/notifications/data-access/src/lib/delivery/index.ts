export * from './inbox-item.entity';
export * from './delivery.entity';
export * from './delivery-attempt.entity';
export * from './webhook-endpoint.entity';
export * from './webhook-delivery.entity';
export * from './used-ack-nonce.entity';
export * from './delivery.entities';
export * from './create-notifications-delivery-tables.migration';
