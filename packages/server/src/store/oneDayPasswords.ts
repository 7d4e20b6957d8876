import type { Db } from './openDatabase.js';

export type OneDayPasswordRow = { account_id: number; code_hash: string; issued_at: string; expires_at: string };

export function oneDayPasswordsRepo(db: Db) {
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
    get: (accountId: number) => get.get(accountId),
    set: (row: { accountId: number; codeHash: string; issuedAt: string; expiresAt: string }) => void upsert.run(row),
    revoke: (accountId: number) => remove.run(accountId).changes === 1,
    /** Deletes check codes past their end of day. */
    purgeExpired: (now: string) => purgeExpired.run(now).changes,
  };
}
