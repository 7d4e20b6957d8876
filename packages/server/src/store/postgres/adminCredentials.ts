import type { AdminCredentialsRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

export function adminCredentialsRepo({ sql }: PgDatabase): AdminCredentialsRepo {
  return {
    add: async (tokenHash, createdAt) => void (await sql('INSERT INTO admin_credentials (token_hash, created_at) VALUES ($1, $2)', [tokenHash, createdAt])),
    has: async (tokenHash) => ((await sql('SELECT 1 FROM admin_credentials WHERE token_hash = $1', [tokenHash])).rowCount ?? 0) > 0,
  };
}
