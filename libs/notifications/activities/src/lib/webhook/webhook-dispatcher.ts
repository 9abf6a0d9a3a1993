import type { DataSource, EntityManager } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import {
  DEFAULT_WEBHOOK_DISABLE_POLICY,
  DEFAULT_WEBHOOK_RETRY_POLICY,
  attemptResultOf,
  maxWebhookAttempts,
  shouldDisableEndpoint,
  webhookRetryAt,
  type WebhookDisablePolicy,
  type WebhookRetryPolicy,
} from '@linkages/notifications-domain';
import {
  DeliveryAttemptEntity,
  DeliveryEntity,
  WebhookDeliveryQueue,
  WebhookEndpointRepository,
  type ClaimedWebhook,
} from '@linkages/notifications-data-access';
import type { AuditLog } from '@linkages/platform-audit';
import type { OutboxWriter } from '@linkages/platform-messaging';
import { stableUuid } from '@linkages/platform-access';
import { notificationDeliveredEvent } from '@linkages/shared-contracts';
import type { WebhookSender } from './webhook-sender';

/** What the dispatcher counts, when a metrics registry is at hand. */
export interface WebhookMetrics {
  attempt(outcome: 'delivered' | 'retry' | 'failed'): void;
  endpointDisabled(reason: string): void;
}

export interface WebhookDispatcherDeps {
  ds: DataSource;
  endpoints: WebhookEndpointRepository;
  queue?: WebhookDeliveryQueue;
  outbox: OutboxWriter;
  /** A disabled endpoint is reported in the audit log (in the transaction that disables it). */
  audit: AuditLog;
  send: WebhookSender;
  retry?: WebhookRetryPolicy;
  disable?: WebhookDisablePolicy;
  /** Rows claimed per turn. */
  batchSize?: number;
  /** How long a claimed row is held before another dispatcher may take it (longer than a send's timeout). */
  leaseMs?: number;
  /** [0, 1): the backoff's jitter. */
  random?: () => number;
  now?: () => Date;
  metrics?: WebhookMetrics;
  /** The service identity that signs audit entries (`system:notifications`). */
  actorSubject?: string;
  onDisabled?: (endpointId: string, reason: string) => void;
}

const uuid = (): string => globalThis.crypto.randomUUID();

/** The headers of one attempt, signed with every secret in force (Standard Webhooks: space-separated `v1,<sig>`). */
export function signedHeaders(secrets: readonly string[], messageId: string, at: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Linkages-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' '),
  };
}

/**
 * Sends the webhook queue: claims due messages of enabled endpoints, signs each attempt afresh (the timestamp is the
 * attempt's, the webhook-id the message's), records every attempt in delivery_attempts, marks a 2xx delivered
 * (notification-delivered through the outbox, once per notification and channel), reschedules any other answer,
 * timeout or network error with backoff, fails the message after its last attempt, and disables an endpoint that
 * keeps failing (reported in the audit log; its pending messages wait for a re-enable).
 */
export function createWebhookDispatcher(deps: WebhookDispatcherDeps) {
  const queue = deps.queue ?? new WebhookDeliveryQueue();
  const retry = deps.retry ?? DEFAULT_WEBHOOK_RETRY_POLICY;
  const disable = deps.disable ?? DEFAULT_WEBHOOK_DISABLE_POLICY;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const actorSubject = deps.actorSubject ?? 'system:notifications';

  async function attemptRecord(tx: EntityManager, m: ClaimedWebhook, outcome: 'delivered' | 'failed', detail: string, at: Date) {
    await tx.getRepository(DeliveryAttemptEntity).insert({ attemptId: uuid(), deliveryId: m.deliveryId, outcome, detail, at });
  }

  async function onDelivered(m: ClaimedWebhook, attempts: number, detail: string, at: Date) {
    await deps.ds.transaction(async (tx) => {
      await attemptRecord(tx, m, 'delivered', detail, at);
      await queue.delivered(tx, m.id, attempts, detail);
      await tx.getRepository(DeliveryEntity).update({ id: m.deliveryId }, { status: 'delivered', attempts, detail: null, updatedAt: at });
      await deps.endpoints.recordSuccess(tx, m.endpointId, at);
      const ctx = await queue.context(tx, m.id);
      if (ctx)
        await deps.outbox.enqueue(
          tx,
          notificationDeliveredEvent,
          {
            notificationId: ctx.notificationId,
            familyId: ctx.familyId,
            recipientId: ctx.recipientStaffId,
            channel: 'webhook',
            deliveredAt: at.toISOString(),
          },
          {
            countyCode: ctx.countyCode,
            correlationId: ctx.escalationId,
            id: stableUuid('linkages-notification-delivered', ctx.channelKey),
          },
        );
    });
    deps.metrics?.attempt('delivered');
  }

  async function onFailed(m: ClaimedWebhook, attempts: number, detail: string, at: Date) {
    let disabledFor: string | null = null;
    let final = false;
    await deps.ds.transaction(async (tx) => {
      await attemptRecord(tx, m, 'failed', detail, at);
      const state = await deps.endpoints.recordFailure(tx, m.endpointId, at);
      const next = webhookRetryAt(attempts, at, random(), retry);
      if (next) {
        await queue.retryAt(tx, m.id, attempts, next, detail);
        await tx.getRepository(DeliveryEntity).update({ id: m.deliveryId }, { attempts, detail, updatedAt: at });
      } else {
        final = true;
        await queue.failed(tx, m.id, attempts, detail);
        await tx.getRepository(DeliveryEntity).update({ id: m.deliveryId }, { status: 'failed', attempts, detail, updatedAt: at });
      }
      const decision = state.enabled ? shouldDisableEndpoint(state, at, disable) : { disable: false as const };
      if (decision.disable) {
        disabledFor = decision.reason;
        const view = await deps.endpoints.setEnabled(tx, m.endpointId, false, decision.reason, at);
        await deps.audit.append(
          {
            actorSubject,
            actorRoles: ['system'],
            action: 'update',
            recordType: 'webhook-endpoint',
            recordId: m.endpointId,
            recordCounty: view.countyCode,
            purpose: 'disable a persistently failing webhook endpoint',
            outcome: 'allowed',
            reason: decision.reason,
            correlationId: m.messageId,
            details: {
              agency: view.agency,
              consecutiveFailures: state.consecutiveFailures,
              failingSince: state.failingSince.toISOString(),
              lastDetail: detail,
            },
          },
          tx,
        );
      }
    });
    deps.metrics?.attempt(final ? 'failed' : 'retry');
    if (disabledFor) {
      deps.metrics?.endpointDisabled(disabledFor);
      deps.onDisabled?.(m.endpointId, disabledFor);
    }
  }

  async function sendOne(m: ClaimedWebhook): Promise<void> {
    const at = now();
    const attempts = m.attempts + 1;
    // A secret that does not decrypt (another key ring, a row written by hand) fails this message, not the batch.
    const secrets = await deps.endpoints.signingSecrets(deps.ds.manager, m.endpointId, at).catch(() => null);
    if (secrets === null) return onFailed(m, attempts, 'secret-unreadable', at);
    if (secrets.length === 0) return onFailed(m, attempts, 'no-secret', at);
    const body = JSON.stringify(m.payload);
    const answer = await deps.send({ url: m.url, headers: signedHeaders(secrets, m.messageId, at, body), body });
    const result = attemptResultOf(answer);
    if (result.kind === 'delivered') await onDelivered(m, attempts, `http-${result.status}`, now());
    else await onFailed(m, attempts, result.detail, now());
  }

  return {
    /** One turn: claims up to a batch of due messages and sends them (concurrently); how many it sent. */
    async dispatchDue(): Promise<number> {
      const claimed = await queue.claimDue(deps.ds, {
        limit: deps.batchSize ?? 16,
        leaseMs: deps.leaseMs ?? 120_000,
        now: now(),
      });
      await Promise.all(claimed.map((m) => sendOne(m)));
      return claimed.length;
    },
    maxAttempts: maxWebhookAttempts(retry),
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
