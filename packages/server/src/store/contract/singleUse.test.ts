import { describe, expect, it } from 'vitest';
import type { Store } from '../Store.js';
import { contractStores, storesForFile } from './contractStores.js';
import { at, countOf, race } from './fixtures.js';

/** Captchas and certificate challenges: the same single-use rule in two tables. */
const tables = [
  { table: 'captchas', repo: (store: Store) => store.captchas, column: 'answer_hash' },
  { table: 'certificate_challenges', repo: (store: Store) => store.certificateChallenges, column: 'challenge' },
] as const;

let ids = 0;

describe.each(contractStores)('single-use rows on $name', ({ open }) => {
  const stores = storesForFile(open);

  describe.each(tables)('$table', ({ table, repo, column }) => {
    it('gives the row unused once, then used, to any instance', async () => {
      const { first, second } = stores;
      const id = `row-${++ids}`;
      await repo(first).insert(id, 'value', at(300));
      expect(await repo(second).take(id)).toEqual({ id, [column]: 'value', expires_at: at(300), used: 0 });
      expect(await repo(first).take(id)).toEqual({ id, [column]: 'value', expires_at: at(300), used: 1 });
      expect(await repo(second).take(id)).toMatchObject({ used: 1 });
      expect(await repo(first).take(`${id}-unknown`)).toBeUndefined();
    });

    it('gives exactly one of 50 concurrent takers, across two instances, the row unused', async () => {
      const id = `row-${++ids}`;
      await repo(stores.first).insert(id, 'value', at(300));
      const taken = await race(stores, { table, where: 'id = $1', values: [id] }, 50, async (store) => (await repo(store).take(id))?.used);
      expect(countOf(taken, 0)).toBe(1);
      expect(countOf(taken, 1)).toBe(49);
    });

    it('purges the expired, and with purgeDead the used too', async () => {
      const { first, second } = await open();
      try {
        await repo(first).insert('expired', 'v', at(10));
        await repo(first).insert('used', 'v', at(500));
        await repo(first).insert('fresh', 'v', at(500));
        await repo(first).take('used');
        expect(await repo(second).purgeExpired(at(100))).toBe(1);
        expect(await repo(second).purgeDead(at(100))).toBe(1);
        expect(await repo(first).take('fresh')).toMatchObject({ used: 0 });
        expect(await repo(first).take('used')).toBeUndefined();
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });
});
