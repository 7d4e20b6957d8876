import type { Db } from './openDatabase.js';

/** Whose failures a counter holds: an account name as typed (lower case) for one method, from one source or ('') from all. */
export type ThrottleKey = { method: string; account: string; source: string };

export type ThrottleRow = ThrottleKey & {
  failures: number;
  lock_level: number;
  locked_until: string | null;
  last_failure_at: string;
  /** When the counter is forgotten: a whole window after its last failure and lock. */
  expires_at: string;
};

export function throttleRepo(db: Db) {
  const get = db.prepare<[string, string, string], ThrottleRow>(
    'SELECT * FROM throttle WHERE method = ? AND account = ? AND source = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO throttle (method, account, source, failures, lock_level, locked_until, last_failure_at, expires_at)
     VALUES (@method, @account, @source, @failures, @lock_level, @locked_until, @last_failure_at, @expires_at)
     ON CONFLICT (method, account, source) DO UPDATE SET failures = excluded.failures, lock_level = excluded.lock_level,
       locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at, expires_at = excluded.expires_at`,
  );
  const remove = db.prepare('DELETE FROM throttle WHERE method = ? AND account = ? AND source = ?');
  const removeAccount = db.prepare('DELETE FROM throttle WHERE account = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM throttle');
  return {
    get: ({ method, account, source }: ThrottleKey) => get.get(method, account, source),
    put: (row: ThrottleRow) => void upsert.run(row),
    remove: ({ method, account, source }: ThrottleKey) => void remove.run(method, account, source),
    /** Forgets every counter of an account, for every method and source (administrator unlock). */
    clearAccount: (account: string) => removeAccount.run(account.toLowerCase()).changes,
    count: () => count.get()!.n,
    purge: (now: Date) => purgeThrottle(db, now),
  };
}

/**
 * Deletes the counters whose window has passed (nothing left to remember), so a flood of made-up
 * account names leaves no trace once its window is over. Returns how many rows went.
 */
export function purgeThrottle(db: Db, now: Date): number {
  return db.prepare('DELETE FROM throttle WHERE expires_at <= ?').run(now.toISOString()).changes;
}
