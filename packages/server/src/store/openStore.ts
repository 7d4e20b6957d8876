import { GcisError } from '@gcis/core';
import { isPostgresUrl } from './databaseUrl.js';
import { openSqliteStore } from './sqlite/openSqliteStore.js';
import type { Store } from './Store.js';

/**
 * Opens (and migrates) the store a `--database` value names: a `postgres://` or `postgresql://`
 * URL is PostgreSQL, shared by any number of instances; anything else is a SQLite file, the
 * embedded default.
 */
export async function openStore(database: string): Promise<Store> {
  // until the PostgreSQL store is merged (issue 12, branch i12pg)
  if (isPostgresUrl(database)) throw new GcisError('ERR_USAGE', 'This build has no PostgreSQL store yet.');
  return openSqliteStore(database);
}
