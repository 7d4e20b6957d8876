import type { Store } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

const handles = new WeakMap<Store, Db>();

export function rememberHandle(store: Store, db: Db): void {
  handles.set(store, db);
}

/**
 * Tests only: the raw better-sqlite3 handle behind a store from openSqliteStore, for a test that
 * must see or bend rows the Store does not show. Production code goes through the Store.
 */
export function sqliteHandle(store: Store): Db {
  const db = handles.get(store);
  if (!db) throw new TypeError('Not a SQLite store opened by openSqliteStore.');
  return db;
}
