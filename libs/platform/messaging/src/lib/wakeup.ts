/**
 * How a polling loop sleeps: until the timeout, or until `wake()` (a NOTIFY, a stop). A wake that comes while the
 * loop is busy is remembered, so the next `sleep` returns at once instead of losing it.
 */
export class Wakeup {
  private pending = false;
  private resolveSleep?: () => void;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.resolveSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.resolveSleep = done;
    });
  }

  wake(): void {
    if (this.resolveSleep) this.resolveSleep();
    else this.pending = true;
  }

  /** Forgets a remembered wake (the loop is about to look for work anyway). */
  reset(): void {
    this.pending = false;
  }
}
