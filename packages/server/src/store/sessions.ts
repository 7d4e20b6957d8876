import type { LoginMethod } from '@gcis/core/api';
import type { Db } from './openDatabase.js';

export type SessionRow = {
  token_hash: string;
  account_id: number;
  method: LoginMethod;
  issued_at: string;
  last_seen_at: string;
  revoked_at: string | null;
};

export function sessionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (token_hash, account_id, method, issued_at, last_seen_at)
     VALUES (@tokenHash, @accountId, @method, @issuedAt, @issuedAt)`,
  );
  const byHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  const purgeDead = db.prepare(
    'DELETE FROM sessions WHERE revoked_at IS NOT NULL OR issued_at < @issuedBefore OR last_seen_at < @seenBefore',
  );
  return {
    insert: (row: { tokenHash: string; accountId: number; method: LoginMethod; issuedAt: string }) =>
      void insert.run(row),
    find: (tokenHash: string) => byHash.get(tokenHash),
    touch: (tokenHash: string, at: string) => void touch.run(at, tokenHash),
    revoke: (tokenHash: string, at: string) => revoke.run(at, tokenHash).changes === 1,
    /** Deletes revoked sessions and those past their absolute or idle limit (cut-offs as ISO instants). */
    purgeDead: (cutoffs: { issuedBefore: string; seenBefore: string }) => purgeDead.run(cutoffs).changes,
  };
}
