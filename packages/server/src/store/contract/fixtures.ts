import type { NewAccount, Store } from '../Store.js';
import type { StorePair } from './contractStores.js';

let accounts = 0;

/** An ISO instant `seconds` after a fixed start, as the code stores times. */
export const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 2, 0, 0) + seconds * 1000).toISOString();

/** Adds an account with a name no other test uses (unless given); its id. */
export function addAccount(store: Store, overrides: Partial<NewAccount> = {}): Promise<number> {
  const name = `user${++accounts}`;
  return store.accounts.insert({
    account: name,
    name: '王小明',
    email: `${name}@example.com`,
    nationalIdHmac: null,
    nationalIdMasked: null,
    passwordHash: 'hash',
    createdAt: at(0),
    ...overrides,
  });
}

/** Runs `count` calls at once, alternating between the two stores (two instances). */
export function onBoth<T>(stores: [Store, Store], count: number, call: (store: Store, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => call(stores[index % 2]!, index)));
}

/** How many of `values` are `value`. */
export const countOf = <T>(values: readonly T[], value: T) => values.filter((each) => each === value).length;

/**
 * Runs `count` calls at once on both stores; where the store lets calls overlap, they first queue
 * up behind a lock on the rows they race for (StorePair.hold), so they all start before any wins.
 */
export async function race<T>(
  pair: StorePair,
  rows: { table: string; where: string; values: unknown[] },
  count: number,
  call: (store: Store, index: number) => Promise<T>,
): Promise<T[]> {
  const hold = await pair.hold?.(rows.table, rows.where, rows.values);
  const calls = onBoth([pair.first, pair.second], count, call);
  await hold?.queued(Math.min(count, 8));
  await hold?.release();
  return calls;
}
