import type { SharedFileRow, SharedFilesRepo } from '../Store.js';
import type { Db } from './openSqliteDatabase.js';

/**
 * trust/ and crl/ files in the database. A write takes SQLite's write lock (IMMEDIATE), so the
 * next version is read and used with no other write between: versions commit in order.
 */
export function sharedFilesRepo(db: Db): SharedFilesRepo {
  const one = db.prepare<[string, string], SharedFileRow>('SELECT folder, name, bytes, version, changed_at FROM shared_files WHERE folder = ? AND name = ?');
  const next = db.prepare<[], { version: number }>('SELECT coalesce(max(version), 0) + 1 AS version FROM shared_files');
  const upsert = db.prepare(
    `INSERT INTO shared_files (folder, name, bytes, version, changed_at) VALUES (@folder, @name, @bytes, @version, @at)
     ON CONFLICT (folder, name) DO UPDATE SET bytes = excluded.bytes, version = excluded.version, changed_at = excluded.changed_at`,
  );
  const since = db.prepare<[number], SharedFileRow>('SELECT folder, name, bytes, version, changed_at FROM shared_files WHERE version > ? ORDER BY version');
  const put = db.transaction((file: { folder: string; name: string; bytes: Buffer | null; at: string }, ifVersion: number | null | undefined) => {
    if (ifVersion !== undefined && (one.get(file.folder, file.name)?.version ?? null) !== ifVersion) return undefined;
    const { version } = next.get()!;
    upsert.run({ ...file, version });
    return version;
  });
  return {
    get: async (folder, name) => one.get(folder, name),
    put: async (file, ifVersion) => put.immediate(file, ifVersion),
    since: async (version) => since.all(version),
  };
}
