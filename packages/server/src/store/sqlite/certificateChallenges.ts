import type { CertificateChallengeRow, CertificateChallengesRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

export function certificateChallengesRepo(db: Db): CertificateChallengesRepo {
  const insert = db.prepare('INSERT INTO certificate_challenges (id, challenge, expires_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[string], CertificateChallengeRow>('SELECT * FROM certificate_challenges WHERE id = ?');
  const use = db.prepare('UPDATE certificate_challenges SET used = 1 WHERE id = ? AND used = 0');
  const purge = db.prepare('DELETE FROM certificate_challenges WHERE expires_at < ?');
  const purgeDead = db.prepare('DELETE FROM certificate_challenges WHERE used = 1 OR expires_at < ?');
  const take = db.transaction((id: string) => {
    const row = byId.get(id);
    if (row && use.run(id).changes === 0) return { ...row, used: 1 };
    return row;
  });
  return {
    insert: async (id, challenge, expiresAt) => void insert.run(id, challenge, expiresAt),
    take: async (id) => take.immediate(id),
    purgeExpired: async (now) => purge.run(now).changes,
    purgeDead: async (now) => purgeDead.run(now).changes,
  };
}
