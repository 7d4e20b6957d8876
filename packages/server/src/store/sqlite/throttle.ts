import type { ThrottleChange, ThrottleKey, ThrottleRepo, ThrottleRow } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function throttleRepo(db: Db): ThrottleRepo {
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
  const purge = db.prepare('DELETE FROM throttle WHERE expires_at <= ?');
  const read = ({ method, account, source }: ThrottleKey) => get.get(method, account, source);
  const change = db.transaction((keys: readonly ThrottleKey[], decide: ThrottleChange<unknown>): unknown => {
    const decided = decide(keys.map(read));
    keys.forEach((key, index) => {
      const row = decided.rows[index];
      if (row === null) remove.run(key.method, key.account, key.source);
      else if (row) upsert.run({ ...row, ...key });
    });
    return decided.result;
  });
  return {
    // IMMEDIATE: the write lock is taken before the read, so no other process changes the rows in between.
    change: async <T>(keys: readonly ThrottleKey[], decide: ThrottleChange<T>) => change.immediate(keys, decide) as T,
    get: async (key) => read(key),
    clearAccount: async (account) => removeAccount.run(account.toLowerCase()).changes,
    count: async () => count.get()!.n,
    // A flood of made-up account names leaves no trace once its window is over.
    purge: async (now) => purge.run(now.toISOString()).changes,
  };
}
