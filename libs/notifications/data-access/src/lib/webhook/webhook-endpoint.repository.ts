import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FIELD_CIPHER, type FieldCipher } from '@linkages/platform-crypto';
import { WebhookEndpointEntity } from '../delivery/webhook-endpoint.entity';
import { WebhookEndpointStateEntity } from './webhook-endpoint-state.entity';

/** An endpoint as the API shows it: never a secret. */
export interface WebhookEndpointView {
  endpointId: string;
  agency: string;
  countyCode: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  /** Until then the previous secret still signs (after a rotation). */
  previousSecretExpiresAt: string | null;
  createdAt: string;
}

export interface NewWebhookEndpoint {
  id: string;
  agency: string;
  countyCode: string;
  url: string;
  eventTypes: string[];
  secret: string;
}

/** The associated data of an endpoint's secrets: a ciphertext copied to another endpoint does not decrypt there. */
export const webhookSecretContext = (endpointId: string) => `notifications.webhook-endpoint.secret:${endpointId}`;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Agencies' webhook endpoints. Secrets are FieldCipher ciphertexts at rest (the endpoint id in the associated data);
 * only `signingSecrets` decrypts them, for the dispatcher. Every method runs in the caller's transaction.
 */
@Injectable()
export class WebhookEndpointRepository {
  constructor(@Inject(FIELD_CIPHER) private readonly cipher: FieldCipher) {}

  private seal(endpointId: string, secret: string): string {
    return this.cipher.encrypt(secret, webhookSecretContext(endpointId));
  }

  async create(tx: EntityManager, e: NewWebhookEndpoint, now: Date): Promise<WebhookEndpointView> {
    await tx.getRepository(WebhookEndpointEntity).insert({
      id: e.id,
      agency: e.agency,
      countyCode: e.countyCode,
      url: e.url,
      secrets: [this.seal(e.id, e.secret)],
      eventTypes: e.eventTypes,
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
      disabledAt: null,
      createdAt: now,
    });
    await tx.getRepository(WebhookEndpointStateEntity).insert({
      endpointId: e.id,
      previousSecretExpiresAt: null,
      failingSince: null,
      lastDeliveredAt: null,
      updatedAt: now,
    });
    return this.mustFind(tx, e.id);
  }

  /** The endpoints of a county, of one agency or (null) of every agency, oldest first. */
  async list(tx: EntityManager, countyCode: string, agency: string | null): Promise<WebhookEndpointView[]> {
    const rows = await tx.getRepository(WebhookEndpointEntity).find({
      where: agency === null ? { countyCode } : { countyCode, agency },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const states = await this.statesOf(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => this.viewOf(r, states.get(r.id)));
  }

  async find(tx: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<WebhookEndpointView | null> {
    const row = await this.row(tx, id, opts.lock ?? false);
    if (!row) return null;
    const states = await this.statesOf(tx, [id]);
    return this.viewOf(row, states.get(id));
  }

  /**
   * A new current secret; the current one becomes the previous, signing until `previousUntil` (a previous one still
   * in its window is dropped: at most two secrets sign at once).
   */
  async rotate(tx: EntityManager, id: string, secret: string, previousUntil: Date, now: Date): Promise<WebhookEndpointView> {
    const row = await this.row(tx, id, true);
    if (!row) throw new Error(`webhook endpoint ${id} not found`);
    const [current] = row.secrets;
    await tx
      .getRepository(WebhookEndpointEntity)
      .update({ id }, { secrets: current ? [this.seal(id, secret), current] : [this.seal(id, secret)] });
    await this.upsertState(tx, id, { previousSecretExpiresAt: current ? previousUntil : null }, now);
    return this.mustFind(tx, id);
  }

  /** Enables (resetting the failure counters: pending messages resume at once) or disables with a reason code. */
  async setEnabled(tx: EntityManager, id: string, enabled: boolean, reason: string | null, now: Date): Promise<WebhookEndpointView> {
    if (enabled) {
      await tx
        .getRepository(WebhookEndpointEntity)
        .update({ id }, { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 });
      await this.upsertState(tx, id, { failingSince: null }, now);
    } else {
      await tx.getRepository(WebhookEndpointEntity).update({ id }, { enabled: false, disabledReason: reason, disabledAt: now });
    }
    return this.mustFind(tx, id);
  }

  /** The secrets that sign now, in clear, current first (the previous one only inside its window). For the dispatcher only. */
  async signingSecrets(tx: EntityManager, id: string, now: Date): Promise<string[]> {
    const row = await this.row(tx, id, false);
    if (!row) return [];
    const state = (await this.statesOf(tx, [id])).get(id);
    const [current, previous] = row.secrets;
    const out = current ? [this.cipher.decrypt(current, webhookSecretContext(id))] : [];
    if (previous && state?.previousSecretExpiresAt && state.previousSecretExpiresAt.getTime() > now.getTime())
      out.push(this.cipher.decrypt(previous, webhookSecretContext(id)));
    return out;
  }

  /** A delivered attempt: the failure run ends. */
  async recordSuccess(tx: EntityManager, id: string, now: Date): Promise<void> {
    await tx.getRepository(WebhookEndpointEntity).update({ id }, { consecutiveFailures: 0 });
    await this.upsertState(tx, id, { failingSince: null, lastDeliveredAt: now }, now);
  }

  /** A failed attempt: the counters after it (the row locked until the transaction ends). */
  async recordFailure(
    tx: EntityManager,
    id: string,
    now: Date,
  ): Promise<{ consecutiveFailures: number; failingSince: Date; enabled: boolean }> {
    const row = await this.row(tx, id, true);
    if (!row) throw new Error(`webhook endpoint ${id} not found`);
    const consecutiveFailures = row.consecutiveFailures + 1;
    await tx.getRepository(WebhookEndpointEntity).update({ id }, { consecutiveFailures });
    const state = (await this.statesOf(tx, [id])).get(id);
    const failingSince = state?.failingSince ?? now;
    await this.upsertState(tx, id, { failingSince }, now);
    return { consecutiveFailures, failingSince, enabled: row.enabled };
  }

  private async mustFind(tx: EntityManager, id: string): Promise<WebhookEndpointView> {
    const view = await this.find(tx, id);
    if (!view) throw new Error(`webhook endpoint ${id} not found`);
    return view;
  }

  private async row(tx: EntityManager, id: string, lock: boolean): Promise<WebhookEndpointEntity | null> {
    const qb = tx.getRepository(WebhookEndpointEntity).createQueryBuilder('e').where('e.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  private async statesOf(tx: EntityManager, ids: string[]): Promise<Map<string, WebhookEndpointStateEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await tx
      .getRepository(WebhookEndpointStateEntity)
      .createQueryBuilder('s')
      .where('s.endpoint_id = ANY(:ids)', { ids })
      .getMany();
    return new Map(rows.map((r) => [r.endpointId, r]));
  }

  private async upsertState(
    tx: EntityManager,
    id: string,
    patch: Partial<Pick<WebhookEndpointStateEntity, 'previousSecretExpiresAt' | 'failingSince' | 'lastDeliveredAt'>>,
    now: Date,
  ): Promise<void> {
    const repo = tx.getRepository(WebhookEndpointStateEntity);
    const existing = await repo.findOneBy({ endpointId: id });
    if (existing) await repo.update({ endpointId: id }, { ...patch, updatedAt: now });
    else
      await repo.insert({
        endpointId: id,
        previousSecretExpiresAt: null,
        failingSince: null,
        lastDeliveredAt: null,
        ...patch,
        updatedAt: now,
      });
  }

  private viewOf(r: WebhookEndpointEntity, s: WebhookEndpointStateEntity | undefined): WebhookEndpointView {
    const previousLive = s?.previousSecretExpiresAt && r.secrets.length > 1 ? s.previousSecretExpiresAt : null;
    return {
      endpointId: r.id,
      agency: r.agency,
      countyCode: r.countyCode,
      url: r.url,
      eventTypes: r.eventTypes,
      enabled: r.enabled,
      disabledReason: r.disabledReason,
      disabledAt: iso(r.disabledAt),
      consecutiveFailures: r.consecutiveFailures,
      failingSince: iso(s?.failingSince),
      previousSecretExpiresAt: iso(previousLive),
      createdAt: r.createdAt.toISOString(),
    };
  }
}
