import type { Db } from './openDatabase.js';

export type PushTransactionStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'cancelled' | 'failed';

export type PushTransactionRow = {
  id: string;
  national_id_hmac: string;
  national_id_sealed: Buffer;
  account_id: number | null;
  match_code: string;
  origin: string;
  sp_ticket_id: string | null;
  status: PushTransactionStatus;
  reason_code: string | null;
  reason_message: string | null;
  created_at: string;
  expires_at: string;
  finished_at: string | null;
};

export function pushTransactionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO push_transactions (id, national_id_hmac, national_id_sealed, account_id, match_code, origin, status, created_at, expires_at)
     VALUES (@id, @nationalIdHmac, @nationalIdSealed, @accountId, @matchCode, @origin, 'pending', @createdAt, @expiresAt)`,
  );
  const byId = db.prepare<[string], PushTransactionRow>('SELECT * FROM push_transactions WHERE id = ?');
  const setTicket = db.prepare("UPDATE push_transactions SET sp_ticket_id = ? WHERE id = ? AND status = 'pending'");
  const finish = db.prepare(
    `UPDATE push_transactions SET status = @status, reason_code = @reasonCode, reason_message = @reasonMessage, finished_at = @at
     WHERE id = @id AND status = 'pending'`,
  );
  const pending = db.prepare<[string, string], { count: number }>(
    "SELECT count(*) AS count FROM push_transactions WHERE national_id_hmac = ? AND status = 'pending' AND expires_at > ?",
  );
  const recent = db.prepare<[string, string], { count: number; oldest: string | null }>(
    'SELECT count(*) AS count, min(created_at) AS oldest FROM push_transactions WHERE national_id_hmac = ? AND created_at > ?',
  );
  const useResponse = db.prepare(
    'INSERT INTO push_signed_responses (response_hash, transaction_id, used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const purgeEnded = db.prepare(
    "DELETE FROM push_transactions WHERE (status <> 'pending' AND finished_at < @before) OR expires_at < @before",
  );
  const purgeOrphanResponses = db.prepare(
    'DELETE FROM push_signed_responses WHERE transaction_id NOT IN (SELECT id FROM push_transactions)',
  );
  const responseUsed = db.prepare<[string], { transaction_id: string }>('SELECT transaction_id FROM push_signed_responses WHERE response_hash = ?');
  return {
    insert: (row: {
      id: string;
      nationalIdHmac: string;
      nationalIdSealed: Buffer;
      accountId: number | null;
      matchCode: string;
      origin: string;
      createdAt: string;
      expiresAt: string;
    }) => void insert.run(row),
    get: (id: string) => byId.get(id),
    setTicket: (id: string, spTicketId: string) => void setTicket.run(spTicketId, id),
    /** Ends a pending transaction; false when it had already ended (a concurrent poll, a cancel). */
    finish: (id: string, status: Exclude<PushTransactionStatus, 'pending'>, at: string, reason?: { code: string; message: string }) =>
      finish.run({ id, status, at, reasonCode: reason?.code ?? null, reasonMessage: reason?.message ?? null }).changes === 1,
    countPending: (nationalIdHmac: string, now: string) => pending.get(nationalIdHmac, now)!.count,
    countSince: (nationalIdHmac: string, since: string) => recent.get(nationalIdHmac, since)!,
    /** Records a signed response as used; false when it already was (a replay). */
    useSignedResponse: (hash: string, transactionId: string, at: string) => useResponse.run(hash, transactionId, at).changes === 1,
    signedResponseUsed: (hash: string) => responseUsed.get(hash) !== undefined,
    /** Deletes transactions that ended (or expired unfinished) before `before`; keep an hour at least for the per-ID limits. */
    purgeEndedBefore: (before: string) => purgeEnded.run({ before }).changes,
    /**
     * Deletes the replay records of transactions no longer kept: a response signs its transaction's
     * id, so it cannot log in once that transaction is gone.
     */
    purgeOrphanSignedResponses: () => purgeOrphanResponses.run().changes,
  };
}
