import { Wakeup } from './wakeup';

export interface PollingLoopOptions {
  /**
   * One turn of work. Resolves to how much it did; 0 means it found nothing, and the loop sleeps the poll interval
   * (or until woken) before the next turn. A turn that throws is retried after a backoff.
   */
  turn: () => Promise<number>;
  /** How long an idle loop sleeps when nothing wakes it (the fallback for a lost notification). */
  pollIntervalMs: number;
  /** Called for each failed turn, before the backoff sleep: the caller's log line and metrics. */
  onError: (error: unknown, backoffMs: number) => void;
}

/** Backoff after the n-th consecutive failed turn: 200 ms, 400 ms, … at most 10 s. */
const backoffMs = (failures: number) => Math.min(100 * 2 ** failures, 10_000);

/**
 * A relay's loop: turn after turn while running, sleeping the poll interval when a turn found nothing, backing off
 * exponentially while turns fail. `wake()` (a NOTIFY) ends the sleep at once; a wake that comes during a turn is kept
 * for the next sleep, so work committed while the loop was busy is not left waiting a whole interval.
 */
export class PollingLoop {
  private active = false;
  private loop?: Promise<void>;
  private readonly wakeup = new Wakeup();

  constructor(private readonly options: PollingLoopOptions) {}

  /** True from `start()` until `stop()`: a turn that sees false should finish what it holds and return. */
  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.loop = this.run();
  }

  /** Ends the sleep, lets the turn in flight finish, and resolves when the loop has exited. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.wakeup.wake();
    await this.loop;
  }

  /** Look for work now: ends the current sleep, or makes the next one return at once. */
  wake(): void {
    this.wakeup.wake();
  }

  /** Forgets a wake kept from earlier (a turn about to look for work calls it: the look covers that wake). */
  resetWake(): void {
    this.wakeup.reset();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.active) {
      try {
        const done = await this.options.turn();
        failures = 0;
        if (done === 0 && this.active) await this.wakeup.sleep(this.options.pollIntervalMs);
      } catch (error) {
        failures++;
        const backoff = backoffMs(failures);
        this.options.onError(error, backoff);
        if (this.active) await this.wakeup.sleep(backoff);
      }
    }
  }
}
