import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/** Opens the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (let index = applied; index < migrations.length; index++) {
      db.exec(migrations[index]!);
    }
    db.pragma(`user_version = ${migrations.length}`);
  })();
  return db;
}
