import type { GcisError } from '@gcis/core';
import { accountTaken, type UniqueAccountField } from '../accountTaken.js';
import type { AccountRow, AccountsRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

const columns = 'id, account, name, email, national_id_masked, password_hash';

export function accountsRepo({ sql }: PgDatabase): AccountsRepo {
  const one = async (where: string, value: unknown) =>
    (await sql<AccountRow>(`SELECT ${columns} FROM accounts WHERE ${where}`, [value])).rows[0];
  return {
    // lower() matches the unique index, which folds ASCII only under the column's "C" collation (SQLite's NOCASE).
    find: (account) => one('lower(account) = lower($1)', account),
    get: (id) => one('id = $1', id),
    findByNationalIdHmac: (hmac) => one('national_id_hmac = $1', hmac),
    findByEmail: (email) => one('lower(email) = lower($1)', email),
    list: async () => (await sql<AccountRow>(`SELECT ${columns} FROM accounts ORDER BY lower(account), account`)).rows,
    insert: async (row) => {
      try {
        const { rows } = await sql<{ id: number }>(
          `INSERT INTO accounts (account, name, email, national_id_hmac, national_id_masked, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [row.account, row.name, row.email, row.nationalIdHmac, row.nationalIdMasked, row.passwordHash, row.createdAt],
        );
        return rows[0]!.id;
      } catch (error) {
        throw takenError(error) ?? error;
      }
    },
    setPasswordHash: async (id, hash) => void (await sql('UPDATE accounts SET password_hash = $1 WHERE id = $2', [hash, id])),
  };
}

const takenBy: Record<string, UniqueAccountField> = {
  accounts_account: 'account',
  accounts_national_id: 'nationalId',
  accounts_email: 'email',
};

/** A unique index refusing a row, as accountTaken; by the constraint PostgreSQL names. */
function takenError(error: unknown): GcisError | undefined {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const field = code === '23505' && typeof constraint === 'string' ? takenBy[constraint] : undefined;
  return field && accountTaken(field, error);
}
