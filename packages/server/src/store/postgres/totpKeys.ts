import type { TotpKeyRow, TotpKeysRepo } from '../Store.js';
import type { PgDatabase, Sql } from './lib/pgDatabase.js';

const columns = 'account_id, version, status, secret_sealed, last_step';

type NewVersion = { accountId: number; version: number; status: 'pending' | 'active'; secretSealed: Buffer; createdAt: string };

/** Inserts a version, dropping the pending one and, for an active one, retiring the current; inside the caller's transaction. */
async function insertVersion(sql: Sql, row: NewVersion): Promise<void> {
  await sql("DELETE FROM totp_keys WHERE account_id = $1 AND status = 'pending'", [row.accountId]);
  if (row.status === 'active') await sql("UPDATE totp_keys SET status = 'retired' WHERE account_id = $1 AND status = 'active'", [row.accountId]);
  await sql('INSERT INTO totp_keys (account_id, version, status, secret_sealed, created_at) VALUES ($1, $2, $3, $4, $5)', [
    row.accountId,
    row.version,
    row.status,
    row.secretSealed,
    row.createdAt,
  ]);
}

export function totpKeysRepo({ sql, transaction }: PgDatabase): TotpKeysRepo {
  const byStatus = async (accountId: number, status: TotpKeyRow['status']) =>
    (await sql<TotpKeyRow>(`SELECT ${columns} FROM totp_keys WHERE account_id = $1 AND status = $2 ORDER BY version DESC`, [accountId, status])).rows;
  return {
    active: async (accountId) => (await byStatus(accountId, 'active'))[0],
    pending: async (accountId) => (await byStatus(accountId, 'pending'))[0],
    retired: (accountId) => byStatus(accountId, 'retired'),
    nextVersion: async (accountId) =>
      (await sql<{ version: number }>('SELECT coalesce(max(version), 0) + 1 AS version FROM totp_keys WHERE account_id = $1', [accountId])).rows[0]!.version,
    add: (row) => transaction((sql) => insertVersion(sql, row)),
    addNext: ({ accountId, status, seal, createdAt }) =>
      transaction(async (sql) => {
        // The account's row lock queues enrolments of one account, on every instance, until each has committed its number.
        await sql('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
        const { rows } = await sql<{ version: number }>('SELECT coalesce(max(version), 0) + 1 AS version FROM totp_keys WHERE account_id = $1', [accountId]);
        const version = rows[0]!.version;
        await insertVersion(sql, { accountId, version, status, secretSealed: seal(version), createdAt });
        return version;
      }),
    promote: (accountId, version, step) =>
      transaction(async (sql) => {
        await sql("UPDATE totp_keys SET status = 'retired' WHERE account_id = $1 AND status = 'active'", [accountId]);
        await sql("UPDATE totp_keys SET status = 'active', last_step = $1 WHERE account_id = $2 AND version = $3", [step, accountId, version]);
      }),
    // Conditional on the previous step: of logins racing on one code, on any instance, the row lock lets one
    // through and the others re-read the updated row and match nothing (READ COMMITTED re-check).
    advance: async (accountId, version, step) =>
      (await sql('UPDATE totp_keys SET last_step = $1 WHERE account_id = $2 AND version = $3 AND (last_step IS NULL OR last_step < $1)', [
        step,
        accountId,
        version,
      ])).rowCount === 1,
  };
}
