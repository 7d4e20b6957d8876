import type { Db } from './openDatabase.js';

export type CaptchaRow = { id: string; answer_hash: string; expires_at: string; used: number };

export function captchasRepo(db: Db) {
  const insert = db.prepare('INSERT INTO captchas (id, answer_hash, expires_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[string], CaptchaRow>('SELECT * FROM captchas WHERE id = ?');
  const use = db.prepare('UPDATE captchas SET used = 1 WHERE id = ?');
  const purge = db.prepare('DELETE FROM captchas WHERE expires_at < ?');
  const purgeDead = db.prepare('DELETE FROM captchas WHERE used = 1 OR expires_at < ?');
  return {
    insert: (id: string, answerHash: string, expiresAt: string) => void insert.run(id, answerHash, expiresAt),
    /** Reads a captcha and marks it used in one step: every captcha is good for one answer. */
    take: db.transaction((id: string) => {
      const row = byId.get(id);
      if (row) use.run(id);
      return row;
    }),
    purgeExpired: (now: string) => purge.run(now).changes,
    /** Deletes answered and expired captchas: neither can be answered again. */
    purgeDead: (now: string) => purgeDead.run(now).changes,
  };
}
