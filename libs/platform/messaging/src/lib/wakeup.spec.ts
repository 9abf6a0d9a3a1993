import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  it('sleeps until the timeout when nobody wakes it', async () => {
    const started = Date.now();
    await new Wakeup().sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('returns at once when woken during the sleep', async () => {
    const w = new Wakeup();
    const sleeping = w.sleep(60_000);
    w.wake();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('remembers a wake that came while busy, once; reset forgets it', async () => {
    const w = new Wakeup();
    w.wake();
    await w.sleep(60_000); // returns at once
    const started = Date.now();
    await w.sleep(20); // the wake was used up
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    w.wake();
    w.reset();
    const again = Date.now();
    await w.sleep(20);
    expect(Date.now() - again).toBeGreaterThanOrEqual(15);
  });
});
