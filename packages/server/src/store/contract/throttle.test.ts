import { describe, expect, it } from 'vitest';
import type { ThrottleKey, ThrottleRow } from '../Store.js';
import { contractStores, storesForFile } from './contractStores.js';
import { at, onBoth, race } from './fixtures.js';

let accounts = 0;
const keyFor = (source = ''): ThrottleKey => ({ method: 'totp', account: `name${++accounts}`, source });

/** A counter row one failure on from `row` (or a new one). */
const counted = (key: ThrottleKey, row: ThrottleRow | undefined): ThrottleRow => ({
  ...key,
  failures: (row?.failures ?? 0) + 1,
  lock_level: 0,
  locked_until: null,
  last_failure_at: at(0),
  expires_at: at(900),
});

describe.each(contractStores)('throttle on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('stores, leaves and deletes rows as the change says, and returns its result', async () => {
    const { first, second } = stores;
    const [kept, dropped, untouched] = [keyFor(), keyFor('10.0.0.1'), keyFor()];
    await first.throttle.change([kept, dropped], (rows) => ({ rows: [counted(kept, rows[0]), counted(dropped, rows[1])], result: undefined }));
    const seen = await second.throttle.change([kept, dropped, untouched], (rows) => ({
      rows: [counted(kept, rows[0]), null, null],
      result: rows.map((row) => row?.failures),
    }));
    expect(seen).toEqual([1, 1, undefined]);
    expect(await first.throttle.get(kept)).toEqual(counted(kept, counted(kept, undefined)));
    expect(await first.throttle.get(dropped)).toBeUndefined();
    expect(await first.throttle.get(untouched)).toBeUndefined();
  });

  it('writes nothing when the change throws', async () => {
    const { first, second } = stores;
    const key = keyFor();
    await first.throttle.change([key], (rows) => ({ rows: [counted(key, rows[0])], result: undefined }));
    const refused = second.throttle.change([key, keyFor()], () => {
      throw new Error('the change refuses');
    });
    await expect(refused).rejects.toThrow('the change refuses');
    expect((await first.throttle.get(key))?.failures).toBe(1);
  });

  it('counts 100 concurrent failures from two instances exactly, each seeing a different count', async () => {
    const { first } = stores;
    const key = keyFor();
    await first.throttle.change([key], () => ({ rows: [{ ...counted(key, undefined), failures: 0 }], result: undefined }));
    const row = { table: 'throttle', where: 'method = $1 AND account = $2 AND source = $3', values: [key.method, key.account, key.source] };
    const seen = await race(stores, row, 100, (store) =>
      store.throttle.change([key], (rows) => ({ rows: [counted(key, rows[0])], result: rows[0]!.failures })),
    );
    expect((await first.throttle.get(key))?.failures).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index));
  });

  it('finishes changes over the same keys in opposite orders without deadlock, counting each', async () => {
    const { first, second } = stores;
    const [a, b] = [keyFor(), keyFor('10.0.0.2')];
    await onBoth([first, second], 60, (store, index) => {
      const keys = index % 2 ? [a, b] : [b, a];
      return store.throttle.change(keys, (rows) => ({ rows: keys.map((key, at) => counted(key, rows[at])), result: undefined }));
    });
    expect((await first.throttle.get(a))?.failures).toBe(60);
    expect((await first.throttle.get(b))?.failures).toBe(60);
  });

  it('clears every counter of an account whatever the case typed, counts and purges the expired', async () => {
    const { first, second } = await open();
    try {
      const name = { method: 'totp', account: 'frank', source: '' };
      const keys = [name, { ...name, source: '10.0.0.3' }, { ...name, method: 'otp' }, keyFor()];
      await first.throttle.change(keys, (rows) => ({ rows: keys.map((key, index) => counted(key, rows[index])), result: undefined }));
      expect(await second.throttle.count()).toBe(4);
      expect(await second.throttle.clearAccount('FRANK')).toBe(3);
      expect(await second.throttle.count()).toBe(1);
      expect(await first.throttle.purge(new Date(at(899)))).toBe(0);
      expect(await first.throttle.purge(new Date(at(900)))).toBe(1);
      expect(await first.throttle.count()).toBe(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
