import type { ServerChangesRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

export function serverChangesRepo({ sql }: PgDatabase): ServerChangesRepo {
  return {
    version: async () => (await sql<{ version: number }>('SELECT version FROM server_changes WHERE id = 1')).rows[0]?.version ?? 0,
    bump: async () => void (await sql('UPDATE server_changes SET version = version + 1 WHERE id = 1')),
  };
}
