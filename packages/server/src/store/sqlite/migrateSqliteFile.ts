import { openSqliteDatabase } from './openSqliteDatabase.js';

/** Creates or brings up to date the schema of a SQLite file and closes it again (`init`, before any store is open). */
export function migrateSqliteFile(file: string): void {
  openSqliteDatabase(file).close();
}
