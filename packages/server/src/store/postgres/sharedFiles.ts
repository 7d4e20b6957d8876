import type { SharedFileRow, SharedFilesRepo } from '../Store.js';
import { advisoryLocks } from './lib/advisoryLocks.js';
import type { PgDatabase } from './lib/pgDatabase.js';

const columns = 'folder, name, bytes, version, changed_at';

/**
 * trust/ and crl/ files in the database. Every write takes one advisory lock until it commits, so
 * the next version is read and used with no other write between: versions commit in order, and a
 * reader that has seen version N never misses a change numbered above N.
 */
export function sharedFilesRepo({ sql, transaction }: PgDatabase): SharedFilesRepo {
  return {
    get: async (folder, name) =>
      (await sql<SharedFileRow>(`SELECT ${columns} FROM shared_files WHERE folder = $1 AND name = $2`, [folder, name])).rows[0],
    put: (file, ifVersion) =>
      transaction(async (sql) => {
        await sql('SELECT pg_advisory_xact_lock($1, 0)', [advisoryLocks.sharedFiles]);
        if (ifVersion !== undefined) {
          const { rows } = await sql<{ version: number }>('SELECT version FROM shared_files WHERE folder = $1 AND name = $2', [file.folder, file.name]);
          if ((rows[0]?.version ?? null) !== ifVersion) return undefined;
        }
        const { rows } = await sql<{ version: number }>(
          `INSERT INTO shared_files (${columns}) SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4 FROM shared_files
           ON CONFLICT (folder, name) DO UPDATE SET bytes = excluded.bytes, version = excluded.version, changed_at = excluded.changed_at
           RETURNING version`,
          [file.folder, file.name, file.bytes, file.at],
        );
        return rows[0]!.version;
      }),
    since: async (version) =>
      (await sql<SharedFileRow>(`SELECT ${columns} FROM shared_files WHERE version > $1 ORDER BY version`, [version])).rows,
  };
}
