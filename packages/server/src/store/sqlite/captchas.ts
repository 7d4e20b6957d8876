import type { CaptchaRow, CaptchasRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function captchasRepo(db: Db): CaptchasRepo {
  const insert = db.prepare('INSERT INTO captchas (id, answer_hash, expires_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[string], CaptchaRow>('SELECT * FROM captchas WHERE id = ?');
  const use = db.prepare('UPDATE captchas SET used = 1 WHERE id = ?');
  const purge = db.prepare('DELETE FROM captchas WHERE expires_at < ?');
  const purgeDead = db.prepare('DELETE FROM captchas WHERE used = 1 OR expires_at < ?');
  const take = db.transaction((id: string) => {
    const row = byId.get(id);
    if (row) use.run(id);
    return row;
  });
  return {
    insert: async (id, answerHash, expiresAt) => void insert.run(id, answerHash, expiresAt),
    // IMMEDIATE: two processes taking one captcha cannot both read it unused.
    take: async (id) => take.immediate(id),
    purgeExpired: async (now) => purge.run(now).changes,
    purgeDead: async (now) => purgeDead.run(now).changes,
  };
}
