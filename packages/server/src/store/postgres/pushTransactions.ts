import type { PushTransactionRow, PushTransactionsRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

const columns = `id, national_id_hmac, national_id_sealed, account_id, match_code, origin, sp_ticket_id, status,
  reason_code, reason_message, created_at, expires_at, finished_at`;

/** Thrown inside approve's transaction to roll back the spent response when the transaction had ended. */
class Ended extends Error {}

export function pushTransactionsRepo({ sql, transaction }: PgDatabase): PushTransactionsRepo {
  const count = async (text: string, values: unknown[]) => (await sql(text, values)).rowCount ?? 0;
  return {
    insert: async (row) =>
      void (await sql(
        `INSERT INTO push_transactions (id, national_id_hmac, national_id_sealed, account_id, match_code, origin, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)`,
        [row.id, row.nationalIdHmac, row.nationalIdSealed, row.accountId, row.matchCode, row.origin, row.createdAt, row.expiresAt],
      )),
    get: async (id) => (await sql<PushTransactionRow>(`SELECT ${columns} FROM push_transactions WHERE id = $1`, [id])).rows[0],
    setTicket: async (id, spTicketId) =>
      void (await sql("UPDATE push_transactions SET sp_ticket_id = $2 WHERE id = $1 AND status = 'pending'", [id, spTicketId])),
    finish: async (id, status, at, reason) =>
      (await count(
        `UPDATE push_transactions SET status = $2, reason_code = $3, reason_message = $4, finished_at = $5
         WHERE id = $1 AND status = 'pending'`,
        [id, status, reason?.code ?? null, reason?.message ?? null, at],
      )) === 1,
    approve: async ({ id, responseHash, at, session, tokenSealed }) => {
      try {
        return await transaction(async (sql) => {
          // A concurrent approval with the same response waits here on the unique index, then does nothing.
          const spent = await sql(
            'INSERT INTO push_signed_responses (response_hash, transaction_id, used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [responseHash, id, at],
          );
          if (spent.rowCount === 0) return 'replay';
          const approved = await sql(
            `UPDATE push_transactions SET status = 'approved', finished_at = $2, session_token_sealed = $3 WHERE id = $1 AND status = 'pending'`,
            [id, at, tokenSealed],
          );
          if (approved.rowCount === 0) throw new Ended();
          await sql('INSERT INTO sessions (token_hash, account_id, method, issued_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)', [
            session.tokenHash,
            session.accountId,
            session.method,
            session.issuedAt,
          ]);
          return 'approved';
        });
      } catch (error) {
        if (error instanceof Ended) return 'ended';
        throw error;
      }
    },
    // FOR UPDATE: a second claimer waits for the first, re-reads the row it cleared and matches nothing.
    claimSession: async (id) =>
      (
        await sql<{ session_token_sealed: Buffer }>(
          `UPDATE push_transactions AS t SET session_token_sealed = NULL
           FROM (SELECT id, session_token_sealed FROM push_transactions
                 WHERE id = $1 AND status = 'approved' AND session_token_sealed IS NOT NULL FOR UPDATE) AS before
           WHERE t.id = before.id
           RETURNING before.session_token_sealed`,
          [id],
        )
      ).rows[0]?.session_token_sealed,
    countPending: async (nationalIdHmac, now) =>
      (
        await sql<{ count: number }>(
          "SELECT count(*)::integer AS count FROM push_transactions WHERE national_id_hmac = $1 AND status = 'pending' AND expires_at > $2",
          [nationalIdHmac, now],
        )
      ).rows[0]!.count,
    countSince: async (nationalIdHmac, since) =>
      (
        await sql<{ count: number; oldest: string | null }>(
          'SELECT count(*)::integer AS count, min(created_at) AS oldest FROM push_transactions WHERE national_id_hmac = $1 AND created_at > $2',
          [nationalIdHmac, since],
        )
      ).rows[0]!,
    signedResponseUsed: async (hash) => (await count('SELECT 1 FROM push_signed_responses WHERE response_hash = $1', [hash])) > 0,
    leasePoll: async (id, holder, now, until) =>
      (await count(
        `UPDATE push_transactions SET poll_holder = $2, poll_until = $4
         WHERE id = $1 AND (poll_holder IS NULL OR poll_until IS NULL OR poll_until <= $3 OR poll_holder = $2)`,
        [id, holder, now, until],
      )) === 1,
    releasePoll: async (id, holder) =>
      void (await sql('UPDATE push_transactions SET poll_holder = NULL, poll_until = NULL WHERE id = $1 AND poll_holder = $2', [id, holder])),
    purgeEndedBefore: async (before) =>
      count("DELETE FROM push_transactions WHERE (status <> 'pending' AND finished_at < $1) OR expires_at < $1", [before]),
    // A response signs its transaction's id, so it cannot log in once that transaction is gone.
    purgeOrphanSignedResponses: () =>
      count('DELETE FROM push_signed_responses AS r WHERE NOT EXISTS (SELECT 1 FROM push_transactions AS t WHERE t.id = r.transaction_id)', []),
  };
}
