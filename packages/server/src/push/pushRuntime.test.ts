import { describe, expect, it } from 'vitest';
import { defaultPushConfig } from './pushConfig.js';
import { createPushRuntime } from './pushRuntime.js';

// A sleep that is not woken lasts an hour: the test run's time limit would end these tests first.
const hour = 3_600_000;

describe('long-poll wakes (PushRuntime.watch)', () => {
  it('ends a sleep at once when its transaction is woken, and only that transaction’s', async () => {
    const push = createPushRuntime(defaultPushConfig);
    const [woken, other] = [push.watch('tx-1'), push.watch('tx-2')];
    const sleeping = woken.sleep(hour);
    let otherDone = false;
    void other.sleep(50).then(() => (otherDone = true));
    push.wake('tx-1');
    await sleeping;
    expect(otherDone).toBe(false);
    woken.close();
    other.close();
  });

  it('does not lose a wake that comes between a read and the sleep after it', async () => {
    const push = createPushRuntime(defaultPushConfig);
    const watch = push.watch('tx-1');
    push.wake('tx-1'); // e.g. the store event arrives while the waiter still reads the row
    await watch.sleep(hour);
    watch.close();
  });

  it('wakes every watcher of the transaction, and a wake counts once per watcher', async () => {
    const push = createPushRuntime(defaultPushConfig);
    const watches = Array.from({ length: 20 }, () => push.watch('tx-1'));
    const sleeping = watches.map((watch) => watch.sleep(hour));
    push.wake('tx-1');
    await Promise.all(sleeping);
    // The wake was used up: the next sleep lasts until the next wake, not a moment.
    const next = watches[0]!.sleep(hour).then(() => 'woken');
    const first = await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 20, 'timer'))]);
    expect(first).toBe('timer');
    push.wake('tx-1');
    expect(await next).toBe('woken');
    for (const watch of watches) watch.close();
  });

  it('names each runtime differently in poll leases', () => {
    const holders = new Set(Array.from({ length: 10 }, () => createPushRuntime(defaultPushConfig).holder));
    expect(holders.size).toBe(10);
  });
});
