import { createHash } from 'node:crypto';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditAggregator, type AuditEntry, type AuditLog } from '@linkages/platform-audit';
import { RefusalBudget } from './refusal-budget';
import type { AuthenticationError } from './token-verifier';

/** Who was refused, as the audit record names them. */
export interface RefusedActor {
  actorSubject: string;
  actorRoles: string[];
  actorAgency?: string;
  actorCounty?: string;
}

/** One refusal of the auth guard. */
export interface AuthRefusal {
  /** Whose budget it spends and under which key it is aggregated: `address <ip>` before a token is verified, `subject <sub>` after. */
  client: string;
  actor: RefusedActor;
  /** The route: `GET /referrals/{referralId}`. */
  route: string;
  reason: string;
  correlationId?: string;
  /** The token refused (for a refusal that does not change by itself, such as an expired one): not verified again while the budget is spent. */
  token?: { value: string; refusal: AuthenticationError };
}

export interface AuthRefusalsOptions {
  /** Refusals per client and window before 429 (AUTH_REFUSALS_PER_MINUTE). */
  perWindow: number;
  /** The window of the budget and of the audit aggregation; a minute. */
  windowMs?: number;
  /** Clients (and refusal kinds) tracked at most, for each of the two. */
  maxKeys?: number;
  /** How often closed windows are written. */
  flushEveryMs?: number;
}

/** The audit record of a refusal of the guard, as it has always been written. */
export function accessRefusalEntry(actor: RefusedActor, route: string, reason: string, correlationId?: string): AuditEntry {
  return {
    ...actor,
    action: 'access',
    recordType: 'route',
    recordId: route,
    outcome: 'denied',
    reason,
    ...(correlationId ? { correlationId } : {}),
  };
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The refusals of the auth guard (no token, a bad token, a missing permission), so that refusing costs little and is
 * bounded: each client has a budget of refusals per minute (its address before the token is verified, its subject
 * after), beyond which it gets 429 without a token being verified again; and the audit gets the first refusal of a
 * (client, route, reason) in a window at once, as always, and the repeats as ONE aggregated record when the window
 * closes (or on shutdown, so none is lost): details `{ count, throttled, firstAt, lastAt }`. Accepted calls never
 * pass here: an address sending refusals does not slow the valid tokens sent from it.
 */
export class AuthRefusals implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AuthRefusals');
  private readonly budget: RefusalBudget<AuthenticationError>;
  private readonly aggregator: AuditAggregator;
  private readonly flushEveryMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** After shutdown began, every refusal is written as it comes (the windows are flushed). */
  private closing = false;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly audit: AuditLog,
    options: AuthRefusalsOptions,
  ) {
    const windowMs = options.windowMs ?? 60_000;
    const maxKeys = options.maxKeys ?? 10_000;
    this.budget = new RefusalBudget<AuthenticationError>({ limit: options.perWindow, windowMs, maxKeys });
    this.aggregator = new AuditAggregator({ windowMs, maxKeys });
    this.flushEveryMs = options.flushEveryMs ?? 5_000;
  }

  /** The earlier refusal of this token to this client, when the client's budget is spent: answer without verifying. */
  refusedAgain(client: string, token: string): AuthenticationError | undefined {
    return this.budget.exhausted(client) === undefined ? undefined : this.budget.refusedAgain(client, digest(token));
  }

  /**
   * Counts and audits a refusal; the seconds to answer in Retry-After (with 429) when the client's budget is spent,
   * undefined when the refusal is answered as such.
   */
  async refuse(r: AuthRefusal): Promise<number | undefined> {
    const retryAfter = this.budget.spend(r.client);
    if (r.token) this.budget.remember(r.client, digest(r.token.value), r.token.refusal);
    const entry = accessRefusalEntry(r.actor, r.route, r.reason, r.correlationId);
    const throttled = retryAfter !== undefined;
    const first = { ...entry, ...(throttled ? { details: { throttled: true } } : {}) };
    if (this.closing) {
      await this.audit.append(first);
      return retryAfter;
    }
    const { write, closed } = this.aggregator.add(`${r.client}\n${r.route}\n${r.reason}`, entry, throttled ? 'throttled' : undefined);
    this.write(closed);
    if (write) await this.audit.append(first);
    return retryAfter;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.write(this.aggregator.closed()), this.flushEveryMs);
    this.timer.unref();
  }

  /** Writes every open window while the database is still there; refusals after this are written one by one. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.closing = true;
    this.write(this.aggregator.drain());
    await this.writes;
  }

  async onApplicationShutdown(): Promise<void> {
    this.write(this.aggregator.drain());
    await this.writes;
  }

  /** Appends aggregates in order, one batch after the other; a failure is logged with the counts it held. */
  private write(entries: AuditEntry[]): void {
    if (entries.length === 0) return;
    this.writes = this.writes
      .then(() => this.audit.appendMany(entries))
      .then(
        () => undefined,
        (error: unknown) => {
          const held = entries.map((e) => ({ route: e.recordId, reason: e.reason, actorSubject: e.actorSubject, details: e.details }));
          this.logger.error(
            `Could not write ${entries.length} aggregated refusal(s) to the audit log (${error instanceof Error ? error.message : String(error)}): ${JSON.stringify(held)}`,
          );
        },
      );
  }
}
