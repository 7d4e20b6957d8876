import type { TotpKeyRow, TotpKeysRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function totpKeysRepo(db: Db): TotpKeysRepo {
  const byStatus = db.prepare<[number, string], TotpKeyRow>(
    'SELECT * FROM totp_keys WHERE account_id = ? AND status = ? ORDER BY version DESC',
  );
  const maxVersion = db.prepare<[number], { version: number | null }>(
    'SELECT max(version) AS version FROM totp_keys WHERE account_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO totp_keys (account_id, version, status, secret_sealed, created_at)
     VALUES (@accountId, @version, @status, @secretSealed, @createdAt)`,
  );
  const dropPending = db.prepare("DELETE FROM totp_keys WHERE account_id = ? AND status = 'pending'");
  const retireActive = db.prepare("UPDATE totp_keys SET status = 'retired' WHERE account_id = ? AND status = 'active'");
  const activate = db.prepare("UPDATE totp_keys SET status = 'active', last_step = ? WHERE account_id = ? AND version = ?");
  // Conditional on the previous step, so two logins racing on one code cannot both win.
  const advance = db.prepare(
    'UPDATE totp_keys SET last_step = ? WHERE account_id = ? AND version = ? AND (last_step IS NULL OR last_step < ?)',
  );
  const add = db.transaction(
    (row: { accountId: number; version: number; status: 'pending' | 'active'; secretSealed: Buffer; createdAt: string }) => {
      dropPending.run(row.accountId);
      if (row.status === 'active') retireActive.run(row.accountId);
      insert.run(row);
    },
  );
  const addNext = db.transaction(
    (row: { accountId: number; status: 'pending' | 'active'; seal: (version: number) => Buffer; createdAt: string }): number => {
      const version = (maxVersion.get(row.accountId)?.version ?? 0) + 1;
      add({ accountId: row.accountId, version, status: row.status, secretSealed: row.seal(version), createdAt: row.createdAt });
      return version;
    },
  );
  const promote = db.transaction((accountId: number, version: number, step: number) => {
    retireActive.run(accountId);
    activate.run(step, accountId, version);
  });

  return {
    active: async (accountId) => byStatus.get(accountId, 'active'),
    pending: async (accountId) => byStatus.get(accountId, 'pending'),
    retired: async (accountId) => byStatus.all(accountId, 'retired'),
    nextVersion: async (accountId) => (maxVersion.get(accountId)?.version ?? 0) + 1,
    add: async (row) => add.immediate(row),
    // IMMEDIATE: the write lock is taken before reading the highest version.
    addNext: async (row) => addNext.immediate(row),
    promote: async (accountId, version, step) => promote.immediate(accountId, version, step),
    advance: async (accountId, version, step) => advance.run(step, accountId, version, step).changes === 1,
  };
}
