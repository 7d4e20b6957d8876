import { GcisError, type GcisErrorCode } from '@gcis/core';
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

const takenBy: Record<string, [GcisErrorCode, string]> = {
  accounts_account: ['ERR_ACCOUNT_EXISTS', 'That account name is taken.'],
  accounts_national_id: ['ERR_NATIONAL_ID_TAKEN', 'That national ID already belongs to another account.'],
  accounts_email: ['ERR_EMAIL_TAKEN', 'That e-mail address already belongs to another account.'],
};

/** A unique index refusing a row (another instance won the race past the caller's check) as the same error the check gives. */
function takenError(error: unknown): GcisError | undefined {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const taken = code === '23505' && typeof constraint === 'string' ? takenBy[constraint] : undefined;
  return taken && new GcisError(taken[0], taken[1], { cause: error });
}
