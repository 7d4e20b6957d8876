import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../postgres/openPostgresStore.js';
import { openSqliteStore } from '../sqlite/openSqliteStore.js';
import type { Store } from '../Store.js';
import { createTestDatabase } from '../../testing/testDatabase.js';

/**
 * Locks rows so that calls on them queue up: `queued(n)` resolves once n statements wait behind the
 * lock, `release` lets them go. Every queued statement began before any of them changed the row,
 * which is the interleaving a race needs; without it they may happen to run one after another.
 */
export type RowHold = { queued(count: number): Promise<void>; release(): Promise<void> };

/** Two stores on one fresh database — two instances, as far as the database can tell — and their closing. */
export type StorePair = {
  first: Store;
  second: Store;
  /** Where calls can overlap (PostgreSQL): holds the rows of `table` that `where` selects. Undefined for SQLite, whose calls run one at a time on the one thread. */
  hold?: (table: string, where: string, values: unknown[]) => Promise<RowHold>;
  close(): Promise<void>;
};

export type ContractStore = { name: Store['kind']; open(): Promise<StorePair> };

/** Every Store implementation; each contract test runs against all of them. */
export const contractStores: ContractStore[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'gcis-contract-'));
      const file = join(dir, 'gcis.sqlite');
      // Two handles on one file, as two processes would have (each with its own connection and events).
      const [first, second] = [openSqliteStore(file), openSqliteStore(file)];
      return {
        first,
        second,
        close: async () => {
          await Promise.all([first.close(), second.close()]);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const url = await createTestDatabase();
      // Small pools, as two instances would have; enough for the concurrency the tests throw at them.
      const [first, second] = await Promise.all([openPostgresStore(url, { poolSize: 8 }), openPostgresStore(url, { poolSize: 8 })]);
      return {
        first,
        second,
        hold: (table, where, values) => holdRows(url, table, where, values),
        close: async () => void (await Promise.all([first.close(), second.close()])),
      };
    },
  },
];

/** One pair for the tests of a file (or describe block): opened before them, closed after. */
export function storesForFile(open: ContractStore['open']): StorePair {
  const stores = {} as StorePair;
  beforeAll(async () => void Object.assign(stores, await open()));
  afterAll(() => stores.close?.());
  return stores;
}

async function holdRows(url: string, table: string, where: string, values: unknown[]): Promise<RowHold> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`SELECT 1 FROM ${table} WHERE ${where} FOR UPDATE`, values);
  return {
    async queued(count) {
      for (;;) {
        // Inside a transaction the activity view is read once and kept unless cleared.
        await client.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0]!.n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}
