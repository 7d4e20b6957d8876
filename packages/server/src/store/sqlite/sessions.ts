import type { SessionRow, SessionsRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function sessionsRepo(db: Db): SessionsRepo {
  const insert = db.prepare(
    `INSERT INTO sessions (token_hash, account_id, method, issued_at, last_seen_at)
     VALUES (@tokenHash, @accountId, @method, @issuedAt, @issuedAt)`,
  );
  const byHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  // ISO instants compare as text: a touch that comes late never moves the time back.
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?');
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  const purgeDead = db.prepare(
    'DELETE FROM sessions WHERE revoked_at IS NOT NULL OR issued_at < @issuedBefore OR last_seen_at < @seenBefore',
  );
  return {
    insert: async (row) => void insert.run(row),
    find: async (tokenHash) => byHash.get(tokenHash),
    touch: async (tokenHash, at) => void touch.run(at, tokenHash, at),
    revoke: async (tokenHash, at) => revoke.run(at, tokenHash).changes === 1,
    purgeDead: async (cutoffs) => purgeDead.run(cutoffs).changes,
  };
}
