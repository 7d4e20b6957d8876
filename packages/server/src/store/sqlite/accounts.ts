import type { GcisError } from '@gcis/core';
import { accountTaken, type UniqueAccountField } from '../accountTaken.js';
import type { AccountRow, AccountsRepo, NewAccount } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function accountsRepo(db: Db): AccountsRepo {
  const byName = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE account = ?');
  const byId = db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byNationalId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE national_id_hmac = ?');
  const byEmail = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ? COLLATE NOCASE');
  const insert = db.prepare(
    `INSERT INTO accounts (account, name, email, national_id_hmac, national_id_masked, password_hash, created_at)
     VALUES (@account, @name, @email, @nationalIdHmac, @nationalIdMasked, @passwordHash, @createdAt)`,
  );
  const setPassword = db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?');
  const list = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY account');
  return {
    find: async (account) => byName.get(account),
    get: async (id) => byId.get(id),
    findByNationalIdHmac: async (hmac) => byNationalId.get(hmac),
    findByEmail: async (email) => byEmail.get(email),
    list: async () => list.all(),
    insert: async (row: NewAccount) => {
      try {
        return Number(insert.run(row).lastInsertRowid);
      } catch (error) {
        throw takenError(error) ?? error;
      }
    },
    setPasswordHash: async (id, hash) => void setPassword.run(hash, id),
  };
}

const takenBy: Record<string, UniqueAccountField> = {
  'accounts.account': 'account',
  'accounts.national_id_hmac': 'nationalId',
  'accounts.email': 'email',
};

/** A unique index refusing a row, as accountTaken; by the column SQLite names. */
function takenError(error: unknown): GcisError | undefined {
  const { code, message } = error as { code?: unknown; message?: string };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  const column = /UNIQUE constraint failed: ([\w.]+)/.exec(message ?? '')?.[1];
  const field = column === undefined ? undefined : takenBy[column];
  return field && accountTaken(field, error);
}
