import type { Db } from './openDatabase.js';

export function adminCredentialsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO admin_credentials (token_hash, created_at) VALUES (?, ?)');
  const exists = db.prepare<[string], { token_hash: string }>('SELECT token_hash FROM admin_credentials WHERE token_hash = ?');
  return {
    add: (tokenHash: string, createdAt: string) => void insert.run(tokenHash, createdAt),
    has: (tokenHash: string) => exists.get(tokenHash) !== undefined,
  };
}
