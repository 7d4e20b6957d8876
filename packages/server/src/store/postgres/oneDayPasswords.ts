import type { OneDayPasswordRow, OneDayPasswordsRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

export function oneDayPasswordsRepo({ sql }: PgDatabase): OneDayPasswordsRepo {
  return {
    get: async (accountId) => (await sql<OneDayPasswordRow>('SELECT * FROM one_day_passwords WHERE account_id = $1', [accountId])).rows[0],
    set: async ({ accountId, codeHash, issuedAt, expiresAt }) =>
      void (await sql(
        `INSERT INTO one_day_passwords (account_id, code_hash, issued_at, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash, issued_at = excluded.issued_at, expires_at = excluded.expires_at`,
        [accountId, codeHash, issuedAt, expiresAt],
      )),
    revoke: async (accountId) => (await sql('DELETE FROM one_day_passwords WHERE account_id = $1', [accountId])).rowCount === 1,
    purgeExpired: async (now) => (await sql('DELETE FROM one_day_passwords WHERE expires_at < $1', [now])).rowCount ?? 0,
  };
}
