import type { ThrottleKey, ThrottleRepo, ThrottleRow } from '../Store.js';
import { advisoryLocks } from './lib/advisoryLocks.js';
import type { PgDatabase } from './lib/pgDatabase.js';

const columns = 'method, account, source, failures, lock_level, locked_until, last_failure_at, expires_at';

export function throttleRepo({ sql, transaction }: PgDatabase): ThrottleRepo {
  return {
    change: (keys, decide) =>
      transaction(async (sql) => {
        // Counters that do not exist yet have no row to lock, so each key's advisory lock stands in
        // for it. Taken in one statement, sorted by lock key (volatile functions run after the sort),
        // so two changes over overlapping keys queue instead of deadlocking.
        await sql(
          `SELECT pg_advisory_xact_lock($1, lock) FROM (SELECT DISTINCT hashtext(key) AS lock FROM unnest($2::text[]) AS key) AS locks ORDER BY lock`,
          [advisoryLocks.throttle, keys.map(lockName)],
        );
        const stored = await Promise.all(keys.map((key) => read(sql, key)));
        const decided = decide(stored);
        for (const [index, key] of keys.entries()) {
          const row = decided.rows[index];
          if (row === null) await sql('DELETE FROM throttle WHERE method = $1 AND account = $2 AND source = $3', [key.method, key.account, key.source]);
          else if (row) await upsert(sql, { ...row, ...key });
        }
        return decided.result;
      }),
    get: (key) => read(sql, key),
    clearAccount: async (account) => (await sql('DELETE FROM throttle WHERE account = $1', [account.toLowerCase()])).rowCount ?? 0,
    count: async () => (await sql<{ n: number }>('SELECT count(*)::integer AS n FROM throttle')).rows[0]!.n,
    // A flood of made-up account names leaves no trace once its window is over.
    purge: async (now) => (await sql('DELETE FROM throttle WHERE expires_at <= $1', [now.toISOString()])).rowCount ?? 0,
  };
}

type Sql = PgDatabase['sql'];

const lockName = ({ method, account, source }: ThrottleKey) => JSON.stringify([method, account, source]);

async function read(sql: Sql, { method, account, source }: ThrottleKey): Promise<ThrottleRow | undefined> {
  return (await sql<ThrottleRow>(`SELECT ${columns} FROM throttle WHERE method = $1 AND account = $2 AND source = $3`, [method, account, source])).rows[0];
}

async function upsert(sql: Sql, row: ThrottleRow): Promise<void> {
  await sql(
    `INSERT INTO throttle (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (method, account, source) DO UPDATE SET failures = excluded.failures, lock_level = excluded.lock_level,
       locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at, expires_at = excluded.expires_at`,
    [row.method, row.account, row.source, row.failures, row.lock_level, row.locked_until, row.last_failure_at, row.expires_at],
  );
}
