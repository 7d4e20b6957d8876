import { openDatabase } from '../store/openDatabase.js';
import { serverChangesRepo } from '../store/serverChanges.js';

/**
 * Tells a running server (see watchChanges) that trust/ or crl/ changed, once the files are in
 * place. The change itself is done: when the database stays busy, a warning says the server's
 * periodic scan will find it instead.
 */
export function announceChange(database: string, stderr: NodeJS.WritableStream): void {
  try {
    const db = openDatabase(database);
    try {
      serverChangesRepo(db).bump();
    } finally {
      db.close();
    }
  } catch (error) {
    stderr.write(`gcis-server: a running server will see this within a minute (${(error as Error).message}).\n`);
  }
}
