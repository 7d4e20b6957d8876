import { openPostgresStore } from '../postgres/openPostgresStore.js';
import type { Store } from '../Store.js';
import { createTestDatabase } from '../../testing/testDatabase.js';

/** Two stores on one fresh database — two instances, as far as the database can tell — and their closing. */
export type StorePair = { first: Store; second: Store; close(): Promise<void> };

export type ContractStore = { name: Store['kind']; open(): Promise<StorePair> };

/** Every Store implementation; each contract test runs against all of them. */
export const contractStores: ContractStore[] = [
  {
    name: 'postgres',
    async open() {
      const url = await createTestDatabase();
      // Small pools, as two instances would have; enough for the concurrency the tests throw at them.
      const [first, second] = await Promise.all([openPostgresStore(url, { poolSize: 8 }), openPostgresStore(url, { poolSize: 8 })]);
      return { first, second, close: async () => void (await Promise.all([first.close(), second.close()])) };
    },
  },
];
