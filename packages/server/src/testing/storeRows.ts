import { postgresPool } from '../store/postgres/postgresHandle.js';
import { sqliteHandle } from '../store/sqlite/sqliteHandle.js';
import type { Store } from '../store/Store.js';

/**
 * Tests only: runs one statement on the database behind a store of either kind, for a test that
 * must see or bend rows the Store does not show. Parameters are `$1`, `$2`… each once, in order; binary columns come
 * back as upper-case hex, so a test can look for a secret in them the same way on both.
 */
export async function storeRows(store: Store, sql: string, values: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const rows =
    store.kind === 'postgres'
      ? (await postgresPool(store).query(sql, values)).rows
      : runSqlite(store, sql.replace(/\$\d+/g, '?'), values);
  return rows.map((row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([name, value]) => [name, Buffer.isBuffer(value) ? value.toString('hex').toUpperCase() : value])),
  );
}

function runSqlite(store: Store, sql: string, values: unknown[]) {
  const statement = sqliteHandle(store).prepare(sql);
  return statement.reader ? (statement.all(...values) as Array<Record<string, unknown>>) : (statement.run(...values), []);
}
