import type { NewSession, PushTransactionRow, PushTransactionsRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

const columns = `id, national_id_hmac, national_id_sealed, account_id, match_code, origin, sp_ticket_id, status,
  reason_code, reason_message, created_at, expires_at, finished_at`;

export function pushTransactionsRepo(db: Db): PushTransactionsRepo {
  const insert = db.prepare(
    `INSERT INTO push_transactions (id, national_id_hmac, national_id_sealed, account_id, match_code, origin, status, created_at, expires_at)
     VALUES (@id, @nationalIdHmac, @nationalIdSealed, @accountId, @matchCode, @origin, 'pending', @createdAt, @expiresAt)`,
  );
  const byId = db.prepare<[string], PushTransactionRow>(`SELECT ${columns} FROM push_transactions WHERE id = ?`);
  const setTicket = db.prepare("UPDATE push_transactions SET sp_ticket_id = ? WHERE id = ? AND status = 'pending'");
  const finish = db.prepare(
    `UPDATE push_transactions SET status = @status, reason_code = @reasonCode, reason_message = @reasonMessage, finished_at = @at
     WHERE id = @id AND status = 'pending'`,
  );
  const approveRow = db.prepare(
    `UPDATE push_transactions SET status = 'approved', finished_at = @at, session_token_sealed = @tokenSealed
     WHERE id = @id AND status = 'pending'`,
  );
  const insertSession = db.prepare(
    `INSERT INTO sessions (token_hash, account_id, method, issued_at, last_seen_at)
     VALUES (@tokenHash, @accountId, @method, @issuedAt, @issuedAt)`,
  );
  const sealedToken = db.prepare<[string], { session_token_sealed: Buffer }>(
    "SELECT session_token_sealed FROM push_transactions WHERE id = ? AND status = 'approved' AND session_token_sealed IS NOT NULL",
  );
  const clearToken = db.prepare('UPDATE push_transactions SET session_token_sealed = NULL WHERE id = ?');
  // Read and cleared under the write lock: of two polls claiming at once, one gets the token.
  const claim = db.transaction((id: string): Buffer | undefined => {
    const row = sealedToken.get(id);
    if (row) clearToken.run(id);
    return row?.session_token_sealed;
  });
  const pending = db.prepare<[string, string], { count: number }>(
    "SELECT count(*) AS count FROM push_transactions WHERE national_id_hmac = ? AND status = 'pending' AND expires_at > ?",
  );
  const recent = db.prepare<[string, string], { count: number; oldest: string | null }>(
    'SELECT count(*) AS count, min(created_at) AS oldest FROM push_transactions WHERE national_id_hmac = ? AND created_at > ?',
  );
  const useResponse = db.prepare(
    'INSERT INTO push_signed_responses (response_hash, transaction_id, used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const lease = db.prepare(
    `UPDATE push_transactions SET poll_holder = @holder, poll_until = @until
     WHERE id = @id AND (poll_holder IS NULL OR poll_until IS NULL OR poll_until <= @now OR poll_holder = @holder)`,
  );
  const release = db.prepare('UPDATE push_transactions SET poll_holder = NULL, poll_until = NULL WHERE id = ? AND poll_holder = ?');
  const purgeEnded = db.prepare(
    "DELETE FROM push_transactions WHERE (status <> 'pending' AND finished_at < @before) OR expires_at < @before",
  );
  const purgeOrphanResponses = db.prepare(
    'DELETE FROM push_signed_responses WHERE transaction_id NOT IN (SELECT id FROM push_transactions)',
  );
  const responseUsed = db.prepare<[string], { transaction_id: string }>('SELECT transaction_id FROM push_signed_responses WHERE response_hash = ?');
  const approve = db.transaction(
    (input: { id: string; responseHash: string; at: string; session: NewSession; tokenSealed: Buffer }): 'approved' | 'replay' | 'ended' => {
      if (useResponse.run(input.responseHash, input.id, input.at).changes === 0) return 'replay';
      // Cancelled or ended meanwhile: roll the spent response back too.
      if (approveRow.run({ id: input.id, at: input.at, tokenSealed: input.tokenSealed }).changes === 0) throw new Ended();
      insertSession.run(input.session);
      return 'approved';
    },
  );
  return {
    insert: async (row) => void insert.run(row),
    get: async (id) => byId.get(id),
    setTicket: async (id, spTicketId) => void setTicket.run(spTicketId, id),
    finish: async (id, status, at, reason) =>
      finish.run({ id, status, at, reasonCode: reason?.code ?? null, reasonMessage: reason?.message ?? null }).changes === 1,
    approve: async (input) => {
      try {
        return approve.immediate(input);
      } catch (error) {
        if (error instanceof Ended) return 'ended';
        throw error;
      }
    },
    claimSession: async (id) => claim.immediate(id),
    countPending: async (nationalIdHmac, now) => pending.get(nationalIdHmac, now)!.count,
    countSince: async (nationalIdHmac, since) => recent.get(nationalIdHmac, since)!,
    signedResponseUsed: async (hash) => responseUsed.get(hash) !== undefined,
    leasePoll: async (id, holder, now, until) => lease.run({ id, holder, now, until }).changes === 1,
    releasePoll: async (id, holder) => void release.run(id, holder),
    purgeEndedBefore: async (before) => purgeEnded.run({ before }).changes,
    // A response signs its transaction's id, so it cannot log in once that transaction is gone.
    purgeOrphanSignedResponses: async () => purgeOrphanResponses.run().changes,
  };
}

class Ended extends Error {}
