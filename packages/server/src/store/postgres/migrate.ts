import type { PgDatabase } from './lib/pgDatabase.js';
import { advisoryLocks } from './lib/advisoryLocks.js';
import { migrations } from './migrations.js';

/**
 * Brings the schema up to date in one transaction under a transaction-level advisory lock, so of
 * several instances starting at once on one database the first applies what is missing and the
 * others, once it commits, find nothing left to do. PostgreSQL's DDL is transactional: a migration
 * that fails leaves no trace. Returns the versions applied.
 */
export async function migrate(db: PgDatabase): Promise<number[]> {
  return db.transaction(async (sql) => {
    await sql('SELECT pg_advisory_xact_lock($1, 0)', [advisoryLocks.migrations]);
    await sql('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await sql<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const applied: number[] = [];
    for (let version = (rows[0]?.version ?? 0) + 1; version <= migrations.length; version++) {
      await sql(migrations[version - 1]!);
      await sql('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    return applied;
  });
}
