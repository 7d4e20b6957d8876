import type { AdminCredentialsRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function adminCredentialsRepo(db: Db): AdminCredentialsRepo {
  const insert = db.prepare('INSERT INTO admin_credentials (token_hash, created_at) VALUES (?, ?)');
  const exists = db.prepare<[string], { token_hash: string }>('SELECT token_hash FROM admin_credentials WHERE token_hash = ?');
  return {
    add: async (tokenHash, createdAt) => void insert.run(tokenHash, createdAt),
    has: async (tokenHash) => exists.get(tokenHash) !== undefined,
  };
}
