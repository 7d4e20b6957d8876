import type { SessionRow, SessionsRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

export function sessionsRepo({ sql }: PgDatabase): SessionsRepo {
  return {
    insert: async (row) =>
      void (await sql('INSERT INTO sessions (token_hash, account_id, method, issued_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)', [
        row.tokenHash,
        row.accountId,
        row.method,
        row.issuedAt,
      ])),
    find: async (tokenHash) => (await sql<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash])).rows[0],
    // ISO instants compare as text ("C" collation): a touch that comes late never moves the time back.
    touch: async (tokenHash, at) => void (await sql('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2', [tokenHash, at])),
    revoke: async (tokenHash, at) =>
      (await sql('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, at])).rowCount === 1,
    purgeDead: async ({ issuedBefore, seenBefore }) =>
      (await sql('DELETE FROM sessions WHERE revoked_at IS NOT NULL OR issued_at < $1 OR last_seen_at < $2', [issuedBefore, seenBefore])).rowCount ?? 0,
  };
}
