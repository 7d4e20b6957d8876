import type pg from 'pg';
import type { Store } from '../Store.js';

const pools = new WeakMap<Store, pg.Pool>();

export function rememberPool(store: Store, pool: pg.Pool): void {
  pools.set(store, pool);
}

/**
 * Tests only: the `pg` Pool behind a store from openPostgresStore, for a test that must see or
 * bend rows the Store does not show. Production code goes through the Store.
 */
export function postgresPool(store: Store): pg.Pool {
  const pool = pools.get(store);
  if (!pool) throw new TypeError('Not a PostgreSQL store opened by openPostgresStore.');
  return pool;
}
