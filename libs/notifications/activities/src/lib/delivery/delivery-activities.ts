import type { DataSource, EntityManager } from 'typeorm';
import type { Transporter } from 'nodemailer';
import {
  deliveryKey,
  decideChannel,
  renderNotification,
  signAckLink,
  webhookEventTypeOf,
  webhookPayloadOf,
  type Mac,
} from '@linkages/notifications-domain';
import type { ChannelOutcome, DeliverRequest, DeliverResult, RecipientDirectory } from '@linkages/notifications-domain';
import { DeliveryAttemptEntity, DeliveryEntity, InboxItemEntity, WebhookDeliveryQueue } from '@linkages/notifications-data-access';
import type { OutboxWriter } from '@linkages/platform-messaging';
import { stableUuid } from '@linkages/platform-access';
import { notificationDeliveredEvent } from '@linkages/shared-contracts';

export interface DeliveryActivitiesDeps {
  ds: DataSource;
  /** notification-delivered goes to the outbox in the transaction that marks the delivery row delivered. */
  outbox: OutboxWriter;
  directory: RecipientDirectory;
  /** null: no SMTP server configured; the e-mail channel reports 'skipped'. */
  mailer: Transporter | null;
  mailFrom: string;
  /** HMAC-SHA256 under ACK_LINK_KEY. */
  mac: Mac;
  publicBaseUrl: string;
  timeZoneOf: (countyCode: string) => string;
  /** How long an ack link stays valid (ms); default 7 days. */
  ackLinkTtlMs?: number;
  /** Counts each channel's outcome and each fallback (the worker's /metrics). */
  metrics?: DeliveryMetrics;
  /** The activity's attempt number (Temporal's `Context.current().info.attempt`); 1 outside an activity. */
  attempt?: () => number;
  /** On which attempt a transient SMTP failure (4xx, no connection) becomes a failure for good; default 6 (~1 min). */
  transientEmailAttempts?: number;
}

export interface DeliveryMetrics {
  outcome(channel: ChannelOutcome['channel'], outcome: ChannelOutcome['outcome']): void;
  fellBack(from: ChannelOutcome['channel'], to: NonNullable<DeliverResult['fellBackTo']>): void;
}

const uuid = (): string => globalThis.crypto.randomUUID();

/** The `webhook-id` of one notification at one endpoint: the same on every retry and every redelivery of the request. */
export const webhookMessageIdOf = (webhookKey: string): string => stableUuid('linkages-webhook-message', webhookKey);

/**
 * Delivery of one notification: in-app always, then e-mail, then one queued webhook message per enabled endpoint of
 * the recipient's agency and county subscribed to the event type (idempotent per key; the worker's WebhookDispatcher
 * sends the queue, signed, with retries).
 */
export function createDeliveryActivities(deps: DeliveryActivitiesDeps) {
  const webhookQueue = new WebhookDeliveryQueue();
  async function claim(tx: EntityManager, key: string, notificationId: string, channel: ChannelOutcome['channel']) {
    const now = new Date();
    const res = await tx
      .createQueryBuilder()
      .insert()
      .into(DeliveryEntity)
      .values({
        id: uuid(),
        idempotencyKey: key,
        notificationId,
        channel,
        status: 'pending',
        attempts: 0,
        detail: null,
        createdAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const [first] = res.raw as { id: string }[];
    if (first) return { id: first.id, fresh: true as const };
    const existing = await tx.getRepository(DeliveryEntity).findOneByOrFail({ idempotencyKey: key });
    return { id: existing.id, fresh: false as const, existing };
  }

  /** One notification-delivered per delivery key: the event id derives from the key, so a retry cannot add another. */
  async function publishDelivered(
    tx: EntityManager,
    key: string,
    req: DeliverRequest,
    notificationId: string,
    channel: ChannelOutcome['channel'],
  ) {
    await deps.outbox.enqueue(
      tx,
      notificationDeliveredEvent,
      {
        notificationId,
        familyId: req.subject.familyId,
        recipientId: req.recipient.staffId,
        channel,
        deliveredAt: new Date().toISOString(),
      },
      {
        countyCode: req.subject.countyCode,
        correlationId: req.subject.escalationId,
        id: stableUuid('linkages-notification-delivered', key),
      },
    );
  }

  async function record(
    id: string,
    outcome: 'delivered' | 'failed' | 'skipped',
    detail: string | null,
    onDelivered?: (tx: EntityManager) => Promise<void>,
  ) {
    await deps.ds.transaction(async (tx) => {
      await tx.getRepository(DeliveryAttemptEntity).insert({ attemptId: uuid(), deliveryId: id, outcome, detail, at: new Date() });
      await tx
        .getRepository(DeliveryEntity)
        .update({ id }, { status: outcome, detail, updatedAt: new Date(), attempts: () => 'attempts + 1' });
      if (outcome === 'delivered' && onDelivered) await onDelivered(tx);
    });
  }

  return {
    async deliverNotification(req: DeliverRequest): Promise<DeliverResult> {
      const contact = (await deps.directory.contactOf(req.recipient.staffId)) ?? {
        staffId: req.recipient.staffId,
        agency: 'platform' as const,
        countyCode: req.subject.countyCode,
        channels: { email: false, webhook: false },
      };
      const timeZone = deps.timeZoneOf(req.subject.countyCode);
      const token = req.acknowledgeBy
        ? signAckLink(
            {
              escalationId: req.subject.escalationId,
              level: req.level,
              staffId: req.recipient.staffId,
              expiresAt: new Date(Date.parse(req.at) + (deps.ackLinkTtlMs ?? 7 * 86_400_000)).toISOString(),
              nonce: uuid(),
            },
            deps.mac,
          )
        : undefined;
      const base = deps.publicBaseUrl.replace(/\/$/, '');
      const rendered = renderNotification(req, contact, {
        consoleUrl: `${base}/escalations/${encodeURIComponent(req.subject.escalationId)}`,
        ackLink: token ? `${base}/ack/${token}` : undefined,
        timeZone,
      });
      const channels: ChannelOutcome[] = [];
      let notificationId = uuid();

      // In-app: the item and its delivery row in one transaction.
      const inAppKey = deliveryKey(req, 'in-app');
      const inApp = await deps.ds.transaction(async (tx) => {
        const c = await claim(tx, inAppKey, notificationId, 'in-app');
        if (!c.fresh) {
          notificationId = c.existing.notificationId;
          return 'duplicate' as const;
        }
        await tx.getRepository(InboxItemEntity).insert({
          notificationId,
          recipientStaffId: req.recipient.staffId,
          kind: req.kind,
          title: rendered.subject,
          body: rendered.text,
          escalationId: req.subject.escalationId,
          deadlineId: req.subject.deadlineId,
          level: req.level,
          readAt: null,
          archivedAt: null,
          createdAt: new Date(),
        });
        await tx
          .getRepository(DeliveryAttemptEntity)
          .insert({ attemptId: uuid(), deliveryId: c.id, outcome: 'delivered', detail: null, at: new Date() });
        await tx.getRepository(DeliveryEntity).update({ id: c.id }, { status: 'delivered', attempts: 1, updatedAt: new Date() });
        await publishDelivered(tx, inAppKey, req, notificationId, 'in-app');
        return 'delivered' as const;
      });
      channels.push({ channel: 'in-app', outcome: inApp, attempts: 1 });

      // E-mail.
      let fellBackTo: DeliverResult['fellBackTo'];
      const decision = decideChannel('email', req, contact, timeZone);
      const mailer = deps.mailer;
      if (!decision.send) {
        channels.push({ channel: 'email', outcome: 'skipped', detail: decision.detail, attempts: 0 });
      } else if (!mailer) {
        channels.push({ channel: 'email', outcome: 'skipped', detail: 'no SMTP server configured', attempts: 0 });
      } else {
        const emailKey = deliveryKey(req, 'email');
        const c = await deps.ds.transaction((tx) => claim(tx, emailKey, notificationId, 'email'));
        if (!c.fresh && c.existing.status !== 'pending') {
          channels.push({ channel: 'email', outcome: 'duplicate', attempts: c.existing.attempts });
        } else {
          try {
            await mailer.sendMail({
              from: deps.mailFrom,
              to: contact.email,
              subject: rendered.subject,
              text: rendered.text,
              html: rendered.html,
            });
            await record(c.id, 'delivered', null, (tx) => publishDelivered(tx, emailKey, req, notificationId, 'email'));
            channels.push({ channel: 'email', outcome: 'delivered', attempts: 1 });
          } catch (err) {
            const code = (err as { responseCode?: number }).responseCode;
            if (code !== undefined && code >= 500) {
              await record(c.id, 'failed', `smtp-${code}`);
              channels.push({ channel: 'email', outcome: 'failed', detail: `smtp-${code}`, attempts: 1 });
              fellBackTo = 'in-app';
            } else if ((deps.attempt?.() ?? 1) >= (deps.transientEmailAttempts ?? 6)) {
              // Unreachable for the last of its tries (about a minute of backoff): the ladder must not wait on the mail
              // server, so the e-mail fails for good and the inbox item (already delivered) carries the notification.
              await record(c.id, 'failed', 'smtp-unavailable');
              channels.push({ channel: 'email', outcome: 'failed', detail: 'smtp-unavailable', attempts: 1 });
              fellBackTo = 'in-app';
            } else {
              await deps.ds
                .getRepository(DeliveryAttemptEntity)
                .insert({ attemptId: uuid(), deliveryId: c.id, outcome: 'failed', detail: 'smtp-transient', at: new Date() });
              throw err; // transient: Temporal retries the activity
            }
          }
        }
      }
      // Webhooks: queued in one transaction, one row per endpoint (key: the channel's delivery key and the endpoint).
      const hook = decideChannel('webhook', req, contact, timeZone);
      if (!hook.send) {
        channels.push({ channel: 'webhook', outcome: 'skipped', detail: hook.detail, attempts: 0 });
      } else {
        const eventType = webhookEventTypeOf(req.kind);
        const channelKey = deliveryKey(req, 'webhook');
        const queued = await deps.ds.transaction(async (tx) => {
          const endpoints = await webhookQueue.subscribedEndpoints(tx, contact.agency, contact.countyCode, eventType);
          let fresh = 0;
          for (const endpoint of endpoints) {
            const key = `${channelKey}:${endpoint.id}`;
            const c = await claim(tx, key, notificationId, 'webhook');
            if (!c.fresh) continue;
            fresh += 1;
            await webhookQueue.enqueue(
              tx,
              {
                id: uuid(),
                messageId: webhookMessageIdOf(key),
                deliveryId: c.id,
                endpointId: endpoint.id,
                eventType,
                payload: webhookPayloadOf(req, notificationId, contact.agency) as unknown as Record<string, unknown>,
                context: {
                  notificationId,
                  familyId: req.subject.familyId,
                  recipientStaffId: req.recipient.staffId,
                  countyCode: req.subject.countyCode,
                  escalationId: req.subject.escalationId,
                  channelKey,
                },
              },
              new Date(),
            );
          }
          return { endpoints: endpoints.length, fresh };
        });
        if (queued.endpoints === 0) channels.push({ channel: 'webhook', outcome: 'skipped', detail: 'no-endpoint', attempts: 0 });
        else if (queued.fresh === 0) channels.push({ channel: 'webhook', outcome: 'duplicate', attempts: 0 });
        // Handed to the durable queue (attempts 0: the dispatcher sends it); the contract has no 'queued' outcome.
        else channels.push({ channel: 'webhook', outcome: 'queued', detail: `endpoints:${queued.fresh}`, attempts: 0 });
      }
      for (const c of channels) deps.metrics?.outcome(c.channel, c.outcome);
      if (fellBackTo) deps.metrics?.fellBack('email', fellBackTo);
      return { notificationId, channels, ...(fellBackTo ? { fellBackTo } : {}) };
    },
  };
}
