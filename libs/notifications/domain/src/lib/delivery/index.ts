export * from './notification-template';
export * from './ack-link-token';
export * from './delivery-policy';
