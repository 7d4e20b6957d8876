import type { AccountCertificateRow, AccountCertificatesRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

export function accountCertificatesRepo({ sql }: PgDatabase): AccountCertificatesRepo {
  const find = async (issuer: string, serialHex: string) =>
    (await sql<AccountCertificateRow>('SELECT * FROM account_certificates WHERE issuer = $1 AND serial_hex = $2', [issuer, serialHex])).rows[0];
  return {
    find,
    listFor: async (accountId) =>
      (await sql<AccountCertificateRow>('SELECT * FROM account_certificates WHERE account_id = $1 ORDER BY bound_at, id', [accountId])).rows,
    bind: async (row) => {
      // ON CONFLICT waits for a concurrent binder to commit; the next statement then sees its row.
      const inserted = await sql<AccountCertificateRow>(
        `INSERT INTO account_certificates (account_id, issuer, serial_hex, thumbprint, name, id_last4, bound_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (issuer, serial_hex) DO NOTHING RETURNING *`,
        [row.accountId, row.issuer, row.serialHex, row.thumbprint, row.name, row.idLast4, row.boundAt],
      );
      return inserted.rows[0] ?? (await find(row.issuer, row.serialHex))!;
    },
  };
}
