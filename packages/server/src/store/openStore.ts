import { isPostgresUrl } from './databaseUrl.js';
import { openSqliteStore } from './sqlite/openSqliteStore.js';
import type { Store } from './Store.js';

/**
 * Opens (and migrates) the store a `--database` value names: a `postgres://` or `postgresql://`
 * URL is PostgreSQL, shared by any number of instances; anything else is a SQLite file, the
 * embedded default. Rejects with ERR_STORE_UNAVAILABLE, naming the URL without its password, when
 * PostgreSQL cannot be reached.
 */
export async function openStore(database: string): Promise<Store> {
  if (!isPostgresUrl(database)) return openSqliteStore(database);
  // pg is loaded only for PostgreSQL, so the embedded default starts without it
  const { openPostgresStore } = await import('./postgres/openPostgresStore.js');
  return openPostgresStore(database);
}
