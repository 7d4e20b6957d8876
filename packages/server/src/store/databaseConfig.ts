import { GcisError } from '@gcis/core';
import { isPostgresUrl } from './databaseUrl.js';

/** Where the server keeps its data: config.json's `database` section. */
export type DatabaseConfig = {
  /**
   * A PostgreSQL URL (`postgres://user@host:5432/gcis`), shared by every instance that names it;
   * empty: the data folder's own SQLite file, gcis.db. It may carry the password: config.json is
   * the owner's alone, like secret.key. `--database` and GCIS_SERVER_DATABASE_URL outrank it.
   */
  url: string;
};

export const defaultDatabaseConfig: DatabaseConfig = { url: '' };

/** Refuses unknown keys and a URL that is not a PostgreSQL URL with a host (or a socket folder) and a database name. */
export function checkDatabaseConfig(config: DatabaseConfig, source: string): void {
  const unknown = Object.keys(config).find((key) => !(key in defaultDatabaseConfig));
  if (unknown) throw new GcisError('ERR_DATA_DIR', `${source}: database.${unknown} is not a setting.`);
  if (typeof config.url !== 'string') throw new GcisError('ERR_DATA_DIR', `${source}: database.url must be a string.`);
  if (config.url === '' || isUsablePostgresUrl(config.url)) return;
  throw new GcisError(
    'ERR_DATA_DIR',
    `${source}: database.url must be a PostgreSQL URL such as postgres://gcis@db.example:5432/gcis, or "" for the data folder's gcis.db.`,
  );
}

function isUsablePostgresUrl(text: string): boolean {
  if (!isPostgresUrl(text) || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.hostname !== '' || url.searchParams.has('host')) && url.pathname.length > 1;
  } catch {
    return false;
  }
}
