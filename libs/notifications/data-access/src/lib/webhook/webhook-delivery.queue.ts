import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { WebhookDeliveryEntity } from '../delivery/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../delivery/webhook-endpoint.entity';
import { WebhookDeliveryContextEntity } from './webhook-delivery-context.entity';
import { tableOf } from '../table-of';

const returnedRows = <T>(result: unknown): T[] => {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
};

export interface QueuedWebhook {
  id: string;
  messageId: string;
  deliveryId: string;
  endpointId: string;
  eventType: string;
  payload: Record<string, unknown>;
  context: Omit<WebhookDeliveryContextEntity, 'webhookDeliveryId'>;
}

/** A claimed message: the endpoint's URL with it, and the attempts made before this one. */
export interface ClaimedWebhook {
  id: string;
  messageId: string;
  deliveryId: string;
  endpointId: string;
  url: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * The webhook messages waiting to be sent. A claim leases the due rows of enabled endpoints (FOR UPDATE SKIP LOCKED,
 * then `next_attempt_at` pushed past the lease), so several dispatchers share the work and a dispatcher that dies
 * mid-send leaves its rows to be claimed again when the lease runs out (the receiver sees the same webhook-id).
 * First attempts go before retries: a backlog of retries to an endpoint that is down never delays a new notification
 * to one that is up.
 */
@Injectable()
export class WebhookDeliveryQueue {
  async enqueue(tx: EntityManager, m: QueuedWebhook, now: Date): Promise<void> {
    await tx.getRepository(WebhookDeliveryEntity).insert({
      id: m.id,
      messageId: m.messageId,
      deliveryId: m.deliveryId,
      endpointId: m.endpointId,
      eventType: m.eventType,
      payload: m.payload as never, // jsonb: TypeORM's deep-partial type does not take an open record
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastDetail: null,
      createdAt: now,
    });
    await tx.getRepository(WebhookDeliveryContextEntity).insert({ webhookDeliveryId: m.id, ...m.context });
  }

  /** Enabled endpoints of an agency and county subscribed to an event type. */
  async subscribedEndpoints(tx: EntityManager, agency: string, countyCode: string, eventType: string): Promise<WebhookEndpointEntity[]> {
    return tx
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('e')
      .where('e.agency = :agency AND e.county_code = :countyCode AND e.enabled AND :eventType = ANY(e.event_types)', {
        agency,
        countyCode,
        eventType,
      })
      .orderBy('e.id')
      .getMany();
  }

  async claimDue(ds: DataSource, opts: { limit: number; leaseMs: number; now: Date }): Promise<ClaimedWebhook[]> {
    return ds.transaction(async (tx) => {
      const d = tableOf(tx, WebhookDeliveryEntity);
      const e = tableOf(tx, WebhookEndpointEntity);
      const rows = returnedRows<{
        id: string;
        message_id: string;
        delivery_id: string;
        endpoint_id: string;
        event_type: string;
        payload: Record<string, unknown>;
        attempts: number;
        url: string;
      }>(
        await tx.query(
          `WITH due AS (
             SELECT w.id FROM ${d} w JOIN ${e} ep ON ep.id = w.endpoint_id
              WHERE w.status = 'pending' AND w.next_attempt_at <= $1 AND ep.enabled
              ORDER BY w.attempts > 0, w.next_attempt_at, w.id
              LIMIT $2
              FOR UPDATE OF w SKIP LOCKED)
           UPDATE ${d} w SET next_attempt_at = $3
             FROM due, ${e} ep
            WHERE w.id = due.id AND ep.id = w.endpoint_id
           RETURNING w.id, w.message_id, w.delivery_id, w.endpoint_id, w.event_type, w.payload, w.attempts, ep.url`,
          [opts.now, opts.limit, new Date(opts.now.getTime() + opts.leaseMs)],
        ),
      );
      return rows.map((r) => ({
        id: r.id,
        messageId: r.message_id,
        deliveryId: r.delivery_id,
        endpointId: r.endpoint_id,
        url: r.url,
        eventType: r.event_type,
        payload: r.payload,
        attempts: r.attempts,
      }));
    });
  }

  async context(tx: EntityManager, id: string): Promise<WebhookDeliveryContextEntity | null> {
    return tx.getRepository(WebhookDeliveryContextEntity).findOneBy({ webhookDeliveryId: id });
  }

  async delivered(tx: EntityManager, id: string, attempts: number, detail: string): Promise<void> {
    await tx.getRepository(WebhookDeliveryEntity).update({ id }, { status: 'delivered', attempts, lastDetail: detail });
  }

  async retryAt(tx: EntityManager, id: string, attempts: number, nextAttemptAt: Date, detail: string): Promise<void> {
    await tx.getRepository(WebhookDeliveryEntity).update({ id }, { status: 'pending', attempts, nextAttemptAt, lastDetail: detail });
  }

  async failed(tx: EntityManager, id: string, attempts: number, detail: string): Promise<void> {
    await tx.getRepository(WebhookDeliveryEntity).update({ id }, { status: 'failed', attempts, lastDetail: detail });
  }

  /** Pending messages of an endpoint due now (a re-enabled endpoint resumes at once). */
  async resume(tx: EntityManager, endpointId: string, now: Date): Promise<number> {
    const res = await tx.getRepository(WebhookDeliveryEntity).update({ endpointId, status: 'pending' }, { nextAttemptAt: now });
    return res.affected ?? 0;
  }
}
