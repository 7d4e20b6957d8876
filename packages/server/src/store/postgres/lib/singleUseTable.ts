import type { PgDatabase } from './pgDatabase.js';

/**
 * The repository of a table of single-use rows (captchas, certificate challenges): id, one value
 * column, expires_at, used.
 */
export function singleUseTable<Row extends { id: string; expires_at: string; used: number }>(
  { sql }: PgDatabase,
  table: 'captchas' | 'certificate_challenges',
  column: 'answer_hash' | 'challenge',
) {
  return {
    insert: async (id: string, value: string, expiresAt: string) =>
      void (await sql(`INSERT INTO ${table} (id, ${column}, expires_at) VALUES ($1, $2, $3)`, [id, value, expiresAt])),
    /**
     * Marks the row used and returns it with `used` as it was before, in one statement. FOR UPDATE
     * makes a second taker wait for the first and then read the row the first left (used = 1), so of
     * any number of instances taking one row at once exactly one sees it unused.
     */
    take: async (id: string) =>
      (
        await sql<Row>(
          `UPDATE ${table} AS t SET used = 1
           FROM (SELECT id, used FROM ${table} WHERE id = $1 FOR UPDATE) AS before
           WHERE t.id = before.id
           RETURNING t.id, t.${column}, t.expires_at, before.used`,
          [id],
        )
      ).rows[0],
    purgeExpired: async (now: string) => (await sql(`DELETE FROM ${table} WHERE expires_at < $1`, [now])).rowCount ?? 0,
    purgeDead: async (now: string) => (await sql(`DELETE FROM ${table} WHERE used = 1 OR expires_at < $1`, [now])).rowCount ?? 0,
  };
}
