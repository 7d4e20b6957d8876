import type { ServerChangesRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

/**
 * One counter that administrator commands bump after changing what a running server keeps in
 * memory (trust/, crl/). Through the database, so it crosses processes with the same guarantees
 * as the data: a bump commits after the files it announces are in place.
 */
export function serverChangesRepo(db: Db): ServerChangesRepo {
  const read = db.prepare<[], { version: number }>('SELECT version FROM server_changes WHERE id = 1');
  const bump = db.prepare('UPDATE server_changes SET version = version + 1 WHERE id = 1');
  return {
    version: async () => read.get()?.version ?? 0,
    bump: async () => void bump.run(),
  };
}
