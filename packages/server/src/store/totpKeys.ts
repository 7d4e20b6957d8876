import type { Db } from './openDatabase.js';

export type TotpKeyRow = {
  account_id: number;
  version: number;
  status: 'pending' | 'active' | 'retired';
  secret_sealed: Buffer;
  last_step: number | null;
};

export function totpKeysRepo(db: Db) {
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

  return {
    active: (accountId: number) => byStatus.get(accountId, 'active'),
    pending: (accountId: number) => byStatus.get(accountId, 'pending'),
    retired: (accountId: number) => byStatus.all(accountId, 'retired'),
    nextVersion: (accountId: number) => (maxVersion.get(accountId)?.version ?? 0) + 1,
    /** Adds a new version; `active` retires the current one (administrator bootstrap), `pending` replaces any pending one. */
    add: db.transaction(
      (row: { accountId: number; version: number; status: 'pending' | 'active'; secretSealed: Buffer; createdAt: string }) => {
        dropPending.run(row.accountId);
        if (row.status === 'active') retireActive.run(row.accountId);
        insert.run(row);
      },
    ),
    /** Makes a confirmed pending version the active one; the old one is retired. */
    promote: db.transaction((accountId: number, version: number, step: number) => {
      retireActive.run(accountId);
      activate.run(step, accountId, version);
    }),
    /** Records an accepted step; false when another login already used this or a later step. */
    advance: (accountId: number, version: number, step: number) =>
      advance.run(step, accountId, version, step).changes === 1,
  };
}
