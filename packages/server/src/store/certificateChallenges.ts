import type { Db } from './openDatabase.js';

export type CertificateChallengeRow = { id: string; challenge: string; expires_at: string; used: number };

export function certificateChallengesRepo(db: Db) {
  const insert = db.prepare('INSERT INTO certificate_challenges (id, challenge, expires_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[string], CertificateChallengeRow>('SELECT * FROM certificate_challenges WHERE id = ?');
  const use = db.prepare('UPDATE certificate_challenges SET used = 1 WHERE id = ? AND used = 0');
  const purge = db.prepare('DELETE FROM certificate_challenges WHERE expires_at < ?');
  const purgeDead = db.prepare('DELETE FROM certificate_challenges WHERE used = 1 OR expires_at < ?');
  return {
    insert: (id: string, challenge: string, expiresAt: string) => void insert.run(id, challenge, expiresAt),
    /** Reads a challenge and marks it used in one step; `used` in the result says whether it already was. */
    take: db.transaction((id: string) => {
      const row = byId.get(id);
      if (row && use.run(id).changes === 0) return { ...row, used: 1 };
      return row;
    }),
    purgeExpired: (now: string) => purge.run(now).changes,
    /** Deletes used and expired challenges: a signature over either is refused as unknown. */
    purgeDead: (now: string) => purgeDead.run(now).changes,
  };
}
