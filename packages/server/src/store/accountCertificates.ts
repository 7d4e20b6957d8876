import type { Db } from './openDatabase.js';

export type AccountCertificateRow = {
  id: number;
  account_id: number;
  issuer: string;
  serial_hex: string;
  thumbprint: string;
  name: string;
  id_last4: string;
  bound_at: string;
};

export type NewAccountCertificate = {
  accountId: number;
  issuer: string;
  serialHex: string;
  thumbprint: string;
  name: string;
  idLast4: string;
  boundAt: string;
};

export function accountCertificatesRepo(db: Db) {
  const byIssuerSerial = db.prepare<[string, string], AccountCertificateRow>(
    'SELECT * FROM account_certificates WHERE issuer = ? AND serial_hex = ?',
  );
  const byAccount = db.prepare<[number], AccountCertificateRow>('SELECT * FROM account_certificates WHERE account_id = ? ORDER BY bound_at');
  const insert = db.prepare(
    `INSERT INTO account_certificates (account_id, issuer, serial_hex, thumbprint, name, id_last4, bound_at)
     VALUES (@accountId, @issuer, @serialHex, @thumbprint, @name, @idLast4, @boundAt)`,
  );
  return {
    find: (issuer: string, serialHex: string) => byIssuerSerial.get(issuer, serialHex),
    listFor: (accountId: number) => byAccount.all(accountId),
    /**
     * Binds unless the certificate is already bound; returns the binding that holds afterwards,
     * so the caller can tell "bound here now", "already bound here" and "bound to another account".
     */
    bind: db.transaction((row: NewAccountCertificate): AccountCertificateRow => {
      const existing = byIssuerSerial.get(row.issuer, row.serialHex);
      if (existing) return existing;
      insert.run(row);
      return byIssuerSerial.get(row.issuer, row.serialHex)!;
    }),
  };
}
