import type { AccountCertificateRow, AccountCertificatesRepo, NewAccountCertificate } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function accountCertificatesRepo(db: Db): AccountCertificatesRepo {
  const byIssuerSerial = db.prepare<[string, string], AccountCertificateRow>(
    'SELECT * FROM account_certificates WHERE issuer = ? AND serial_hex = ?',
  );
  const byAccount = db.prepare<[number], AccountCertificateRow>('SELECT * FROM account_certificates WHERE account_id = ? ORDER BY bound_at');
  const insert = db.prepare(
    `INSERT INTO account_certificates (account_id, issuer, serial_hex, thumbprint, name, id_last4, bound_at)
     VALUES (@accountId, @issuer, @serialHex, @thumbprint, @name, @idLast4, @boundAt)`,
  );
  const bind = db.transaction((row: NewAccountCertificate): AccountCertificateRow => {
    const existing = byIssuerSerial.get(row.issuer, row.serialHex);
    if (existing) return existing;
    insert.run(row);
    return byIssuerSerial.get(row.issuer, row.serialHex)!;
  });
  return {
    find: async (issuer, serialHex) => byIssuerSerial.get(issuer, serialHex),
    listFor: async (accountId) => byAccount.all(accountId),
    bind: async (row) => bind.immediate(row),
  };
}
