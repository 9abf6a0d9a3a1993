import { migratedSchema } from '@linkages/platform-persistence-testing';
import { deliveryEntities } from './delivery.entities';
import { deliveryMigrations } from './create-notifications-delivery-tables.migration';

// The delivery tables on the real PostgreSQL: the migration makes what the entities map; idempotency keys are unique.
describe('Notifications delivery tables (PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-notifications-delivery', entities: deliveryEntities, migrations: deliveryMigrations });
  const uuid = () => globalThis.crypto.randomUUID();

  it('the migration makes what the entities map (no drift)', () => db.expectNoDrift());

  it('a delivery idempotency key is unique', async () => {
    const row = {
      idempotencyKey: `k-${uuid()}`,
      notificationId: uuid(),
      channel: 'email',
      status: 'delivered',
      attempts: 1,
      detail: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await db.ds.getRepository('DeliveryEntity').insert({ id: uuid(), ...row });
    await expect(db.ds.getRepository('DeliveryEntity').insert({ id: uuid(), ...row })).rejects.toThrow(/duplicate key/);
  });
});
