import type { Db } from './openDatabase.js';

export type AccountRow = {
  id: number;
  account: string;
  name: string;
  email: string;
  national_id_masked: string | null;
  password_hash: string;
};

export function accountsRepo(db: Db) {
  const byName = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE account = ?');
  const byId = db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byNationalId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE national_id_hmac = ?');
  const insert = db.prepare(
    `INSERT INTO accounts (account, name, email, national_id_hmac, national_id_masked, password_hash, created_at)
     VALUES (@account, @name, @email, @nationalIdHmac, @nationalIdMasked, @passwordHash, @createdAt)`,
  );
  const setPassword = db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?');
  const list = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY account');
  return {
    find: (account: string) => byName.get(account),
    get: (id: number) => byId.get(id),
    /** By the keyed hash of the national ID (SecretBox.mac), as push login finds the account. */
    findByNationalIdHmac: (hmac: string) => byNationalId.get(hmac),
    list: () => list.all(),
    insert: (row: {
      account: string;
      name: string;
      email: string;
      nationalIdHmac: string | null;
      nationalIdMasked: string | null;
      passwordHash: string;
      createdAt: string;
    }) => Number(insert.run(row).lastInsertRowid),
    setPasswordHash: (id: number, hash: string) => void setPassword.run(hash, id),
  };
}
