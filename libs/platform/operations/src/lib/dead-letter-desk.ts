import { Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { deadLetterTopicOf } from '@linkages/shared-contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY, type ServiceConfig, type ServiceIdentity } from '@linkages/platform-config';
import {
  DeadLetterLedger,
  KAFKA,
  deadLetterScopeOf,
  readScopedDeadLetters,
  replayDeadLetters,
  type DeadLetter,
  type DeadLetterScope,
  type KafkaClient,
} from '@linkages/platform-messaging';

/** Which dead letters this service's API serves: its consumed catalog topics and its consumer group. */
export const DEAD_LETTER_SCOPE = Symbol('DEAD_LETTER_SCOPE');

export const deadLetterScopeProvider: Provider = {
  provide: DEAD_LETTER_SCOPE,
  inject: [SERVICE_IDENTITY],
  useFactory: (service: ServiceIdentity): DeadLetterScope => deadLetterScopeOf(service),
};

export type ReplayOutcome = 'replayed' | 'already-replayed' | 'not-found';

export interface ReplayResult {
  key: string;
  outcome: ReplayOutcome;
  letter: DeadLetter | null;
  /** When it was replayed before (already-replayed only). */
  replayedAt: Date | null;
}

/** A dead letter with its ledger state. */
export interface ScopedDeadLetter {
  key: string;
  letter: DeadLetter;
  replayedAt: Date | null;
}

/**
 * The service's dead letters for operators: read from the dead-letter topics (every call reads them afresh: a
 * dead-letter topic only grows, and operators look rarely), the replay state from the ledger the `dlq` CLI keeps
 * too, and replay through `replayDeadLetters`, claimed in the ledger first so a letter is replayed once.
 */
@Injectable()
export class DeadLetterDesk implements OnModuleDestroy {
  private ledger?: Promise<DeadLetterLedger>;

  constructor(
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'DATABASE_URL'>,
    @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
    @Inject(DEAD_LETTER_SCOPE) readonly scope: DeadLetterScope,
  ) {}

  async list(topic?: string): Promise<ScopedDeadLetter[]> {
    const [letters, replayed] = await Promise.all([
      readScopedDeadLetters(this.kafka, this.scope, topic),
      this.openLedger().then((l) => l.replayed()),
    ]);
    return letters.map((letter) => {
      const key = DeadLetterLedger.keyOf(letter);
      return { key, letter, replayedAt: replayed.get(key) ?? null };
    });
  }

  async find(key: string): Promise<ScopedDeadLetter | undefined> {
    const topic = this.scope.topics.find((t) => key.startsWith(`${deadLetterTopicOf(t)}/`));
    if (!topic) return undefined;
    return (await this.list(topic)).find((l) => l.key === key);
  }

  /** Replays each key once (in the order given, duplicates folded): a letter replayed before is left alone. */
  async replay(keys: readonly string[], by: string): Promise<ReplayResult[]> {
    const unique = [...new Set(keys)];
    const known = new Map((await this.list()).map((l) => [l.key, l]));
    const ledger = await this.openLedger();
    const results: ReplayResult[] = [];
    const claimed: DeadLetter[] = [];
    for (const key of unique) {
      const found = known.get(key);
      if (!found) results.push({ key, outcome: 'not-found', letter: null, replayedAt: null });
      else if (await ledger.claim(found.letter, by)) {
        claimed.push(found.letter);
        results.push({ key, outcome: 'replayed', letter: found.letter, replayedAt: null });
      } else results.push({ key, outcome: 'already-replayed', letter: found.letter, replayedAt: found.replayedAt ?? new Date() });
    }
    try {
      await replayDeadLetters(this.kafka, claimed);
    } catch (error) {
      for (const letter of claimed) await ledger.release(letter).catch(() => undefined);
      throw error;
    }
    return results;
  }

  async onModuleDestroy(): Promise<void> {
    const ledger = this.ledger;
    this.ledger = undefined;
    if (ledger) await (await ledger.catch(() => undefined))?.close();
  }

  private openLedger(): Promise<DeadLetterLedger> {
    this.ledger ??= DeadLetterLedger.pool(this.config.DATABASE_URL, `linkages-${this.service.name}-ops`).catch((error: unknown) => {
      this.ledger = undefined;
      throw error;
    });
    return this.ledger;
  }
}

/** What the operators' controllers need besides the platform's providers (mounted in every service API). */
export const operationsProviders: Provider[] = [deadLetterScopeProvider, DeadLetterDesk];
