import type { OneDayPasswordRow, OneDayPasswordsRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function oneDayPasswordsRepo(db: Db): OneDayPasswordsRepo {
  const get = db.prepare<[number], OneDayPasswordRow>('SELECT * FROM one_day_passwords WHERE account_id = ?');
  const upsert = db.prepare(
    `INSERT INTO one_day_passwords (account_id, code_hash, issued_at, expires_at)
     VALUES (@accountId, @codeHash, @issuedAt, @expiresAt)
     ON CONFLICT (account_id) DO UPDATE SET
       code_hash = excluded.code_hash, issued_at = excluded.issued_at, expires_at = excluded.expires_at`,
  );
  const remove = db.prepare('DELETE FROM one_day_passwords WHERE account_id = ?');
  const purgeExpired = db.prepare('DELETE FROM one_day_passwords WHERE expires_at < ?');
  return {
    get: async (accountId) => get.get(accountId),
    set: async (row) => void upsert.run(row),
    revoke: async (accountId) => remove.run(accountId).changes === 1,
    purgeExpired: async (now) => purgeExpired.run(now).changes,
  };
}
