import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { SERVICE_CONFIG } from '@linkages/platform-config';
import { FIELD_CIPHER, FieldCipher, parseKeyring } from '@linkages/platform-crypto';
import { LOGGER, createLogger } from '@linkages/platform-logging';
import { MessagingMetrics, OutboxWriter, createMessagingMigration } from '@linkages/platform-messaging';
import { deliveryEntities, deliveryMigrations, webhookEntities, webhookMigrations } from '@linkages/notifications-data-access';
import { WebhookDispatcherHost } from './webhook-dispatcher.host';

// The worker's wiring of the dispatcher: Nest resolves it from the platform's providers, its loop starts with the
// application and stops with it, and its counters land on the service's metrics registry.
describe('WebhookDispatcherHost (Nest wiring, real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-notifications-webhook-host',
    entities: [...deliveryEntities, ...webhookEntities],
    migrations: (s) => [createMessagingMigration(s), createAuditMigration(s), ...deliveryMigrations(s), ...webhookMigrations(s)],
  });

  it('starts and stops with the application', async () => {
    const metrics = new MessagingMetrics();
    const ref = await Test.createTestingModule({
      providers: [
        { provide: getDataSourceToken(), useFactory: () => db.ds },
        { provide: FIELD_CIPHER, useValue: new FieldCipher(parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'KEYS')) },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(db.schema, 'notifications') },
        { provide: AUDIT_LOG, useFactory: () => new AuditLog(db.ds, db.schema) },
        { provide: SERVICE_CONFIG, useValue: { NODE_ENV: 'test' } },
        { provide: LOGGER, useValue: createLogger({ service: 'notifications', level: 'silent' }) },
        { provide: MessagingMetrics, useValue: metrics },
        WebhookDispatcherHost,
      ],
    }).compile();
    const app = ref.createNestApplication({ logger: false });
    await app.init();
    try {
      const host = app.get(WebhookDispatcherHost);
      expect(await host.dispatcher.dispatchDue()).toBe(0);
      expect(metrics.registry.getSingleMetric('linkages_webhook_attempts_total')).toBeDefined();
    } finally {
      await app.close();
    }
  });
});
