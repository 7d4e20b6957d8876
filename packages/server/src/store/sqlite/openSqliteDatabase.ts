import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

/**
 * The better-sqlite3 handle the SQLite repositories share. Internal to store/sqlite/: everything
 * else goes through the Store. Its own interface (rather than the alias `Database.Database`) so
 * that declarations can name it and its transactions.
 */
export interface Db extends Database.Database {
  transaction<F extends (...params: any[]) => unknown>(fn: F): Database.Transaction<F>;
}

/** Opens the SQLite file in WAL mode (foreign keys on, waiting up to 5 s for a lock) and brings its schema up to date. */
export function openSqliteDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() >= migrations.length) return db;
  // Read again under the write lock: several processes (an upgraded server and administrator
  // commands) may open an old folder at once, and only the first may apply what is missing.
  db.transaction(() => {
    for (let index = version(); index < migrations.length; index++) {
      db.exec(migrations[index]!);
    }
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
  return db;
}
