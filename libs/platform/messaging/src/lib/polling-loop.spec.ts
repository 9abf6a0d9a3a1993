import { PollingLoop } from './polling-loop';

/** A promise the test settles by hand: a turn that is still busy. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the loop's promises run (and any timers due by then) without moving the clock further. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('PollingLoop', () => {
  let loop: PollingLoop | undefined;

  beforeEach(() => jest.useFakeTimers());
  afterEach(async () => {
    const stopping = loop?.stop();
    await jest.runOnlyPendingTimersAsync();
    await stopping;
    loop = undefined;
    jest.useRealTimers();
  });

  const startLoop = (turn: () => Promise<number>, onError: (error: unknown, backoffMs: number) => void = () => undefined) => {
    loop = new PollingLoop({ turn, pollIntervalMs: 1000, onError });
    loop.start();
    return loop;
  };

  it('sleeps the poll interval after a turn that found nothing', async () => {
    const turn = jest.fn(async () => 0);
    startLoop(turn);
    await settle();
    expect(turn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(999);
    expect(turn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(turn).toHaveBeenCalledTimes(2);
  });

  it('turns again at once while turns find work', async () => {
    const results = [5, 1, 0];
    const turn = jest.fn(async () => results.shift() ?? 0);
    startLoop(turn);
    await settle();
    expect(turn).toHaveBeenCalledTimes(3);
    await jest.advanceTimersByTimeAsync(999);
    expect(turn).toHaveBeenCalledTimes(3);
  });

  it('ends the sleep when woken', async () => {
    const turn = jest.fn(async () => 0);
    const polling = startLoop(turn);
    await settle();
    expect(turn).toHaveBeenCalledTimes(1);
    polling.wake();
    await settle();
    expect(turn).toHaveBeenCalledTimes(2);
  });

  it('keeps a wake that came during a busy turn: the next sleep returns at once', async () => {
    const busy = deferred<number>();
    const turn = jest.fn().mockReturnValueOnce(busy.promise).mockResolvedValue(0);
    const polling = startLoop(turn);
    await settle();
    polling.wake(); // e.g. a NOTIFY for a row committed after the turn looked
    busy.resolve(0);
    await settle();
    expect(turn).toHaveBeenCalledTimes(2);
    // Used once: the turn after it sleeps the whole interval again.
    await jest.advanceTimersByTimeAsync(999);
    expect(turn).toHaveBeenCalledTimes(2);
  });

  it('forgets a kept wake when the turn resets it before it looks', async () => {
    const busy = deferred<void>();
    const turn = jest.fn(async () => {
      await busy.promise; // a wake arrives here, before the reset
      loop?.resetWake(); // the look that follows covers it
      return 0;
    });
    const polling = startLoop(turn);
    await settle();
    polling.wake();
    busy.resolve();
    await settle();
    expect(turn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(turn).toHaveBeenCalledTimes(2);
  });

  it('backs off exponentially while turns fail, up to 10 s, and starts over after a success', async () => {
    const backoffs: number[] = [];
    const errors: unknown[] = [];
    let fail = 8;
    const turn = jest.fn(async () => {
      if (fail-- > 0) throw new Error(`failure ${turn.mock.calls.length}`);
      return 0;
    });
    startLoop(turn, (error, backoffMs) => {
      errors.push(error);
      backoffs.push(backoffMs);
    });
    await settle();
    expect(turn).toHaveBeenCalledTimes(1);
    // The second turn waits the whole first backoff, no less.
    await jest.advanceTimersByTimeAsync(199);
    expect(turn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(turn).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(400 + 800 + 1600 + 3200 + 6400 + 10_000 + 10_000);
    expect(backoffs).toEqual([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
    expect((errors[0] as Error).message).toBe('failure 1');

    expect(turn).toHaveBeenCalledTimes(9);

    // Turn 9 succeeded and sleeps the poll interval; the next failure starts the count over.
    turn.mockImplementation(async () => {
      throw new Error('again');
    });
    await jest.advanceTimersByTimeAsync(1000);
    expect(turn).toHaveBeenCalledTimes(10);
    expect(backoffs.slice(8)).toEqual([200]);
  });

  it('wakes a failed loop from its backoff too', async () => {
    const turn = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(0);
    const polling = startLoop(turn);
    await settle();
    polling.wake();
    await settle();
    expect(turn).toHaveBeenCalledTimes(2);
  });

  it('stop waits for the turn in flight, and no turn starts after it', async () => {
    const busy = deferred<number>();
    let sawRunning: boolean | undefined;
    const turn = jest.fn(async () => {
      await busy.promise;
      sawRunning = loop?.running;
      return 3; // found work: would turn again at once if it were still running
    });
    const polling = startLoop(turn);
    await settle();
    let stopped = false;
    const stopping = polling.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    busy.resolve(3);
    await stopping;
    expect(stopped).toBe(true);
    expect(sawRunning).toBe(false);
    expect(turn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(turn).toHaveBeenCalledTimes(1);
  });

  it('stop ends a sleep at once', async () => {
    const turn = jest.fn(async () => 0);
    const polling = startLoop(turn);
    await settle();
    let stopped = false;
    const stopping = polling.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(true);
    await stopping;
    expect(polling.running).toBe(false);
  });

  it('can be started again after a stop', async () => {
    const turn = jest.fn(async () => 0);
    const polling = startLoop(turn);
    await settle();
    await polling.stop();
    polling.start();
    await settle();
    expect(turn).toHaveBeenCalledTimes(2);
    expect(polling.running).toBe(true);
  });
});
