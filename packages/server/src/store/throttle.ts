import type { Db } from './openDatabase.js';

export type ThrottleRow = { subject: string; failures: number; locked_until: string | null };

export function throttleRepo(db: Db) {
  const get = db.prepare<[string], ThrottleRow>('SELECT * FROM throttle WHERE subject = ?');
  const upsert = db.prepare(
    `INSERT INTO throttle (subject, failures, locked_until) VALUES (@subject, @failures, @lockedUntil)
     ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  );
  const clear = db.prepare('DELETE FROM throttle WHERE subject = ?');
  const clearLike = db.prepare("DELETE FROM throttle WHERE subject LIKE ? ESCAPE '\\'");
  return {
    get: (subject: string) => get.get(subject),
    set: (subject: string, failures: number, lockedUntil: string | null) =>
      void upsert.run({ subject, failures, lockedUntil }),
    clear: (subject: string) => void clear.run(subject),
    /** Clears every factor's record of one account (administrator unlock). */
    clearAccount: (account: string) =>
      clearLike.run(`%:${account.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}`).changes,
  };
}
