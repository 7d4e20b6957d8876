import type { PgDatabase } from './lib/pgDatabase.js';

// The shapes of RateCountsRepo (store/Store.ts, added by the session branch), so this compiles
// before and after that branch joins; openPostgresStore hands it out as `rateCounts`.
type RateCountDelta = { key: string; windowStart: string; count: number };

/** Request counts every instance adds to, for rate limits that hold across instances. */
export function rateCountsRepo({ sql }: PgDatabase) {
  return {
    /**
     * Adds the deltas in one statement and returns each one's total afterwards, in their order (a
     * key and window given twice is added once, both times answered with the sum). Rows are
     * written in sorted order, so two instances adding overlapping batches queue, never deadlock.
     */
    add: async (deltas: readonly RateCountDelta[]): Promise<number[]> => {
      if (!deltas.length) return [];
      const summed = new Map<string, RateCountDelta>();
      for (const delta of deltas) {
        const id = JSON.stringify([delta.key, delta.windowStart]);
        const seen = summed.get(id);
        summed.set(id, { ...delta, count: (seen?.count ?? 0) + delta.count });
      }
      const rows = [...summed.values()];
      const { rows: totals } = await sql<{ key: string; window_start: string; count: number }>(
        `INSERT INTO rate_counts AS r (key, window_start, count)
         SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]) AS d (key, window_start, count) ORDER BY key, window_start
         ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + excluded.count
         RETURNING key, window_start, count`,
        [rows.map((row) => row.key), rows.map((row) => row.windowStart), rows.map((row) => row.count)],
      );
      const byId = new Map(totals.map((row) => [JSON.stringify([row.key, row.window_start]), row.count]));
      return deltas.map((delta) => byId.get(JSON.stringify([delta.key, delta.windowStart]))!);
    },
    purge: async (before: string): Promise<number> => (await sql('DELETE FROM rate_counts WHERE window_start < $1', [before])).rowCount ?? 0,
  };
}
