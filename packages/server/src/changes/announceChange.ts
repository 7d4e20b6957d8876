import { openSqliteStore } from '../store/index.js';
import type { Messages } from '../i18n/en.js';

/**
 * Tells a running server (see watchChanges) that trust/ or crl/ changed, once the files are in
 * place. The change itself is done: when the database stays busy, a warning says the server's
 * periodic scan will find it instead.
 */
export async function announceChange(database: string, stderr: NodeJS.WritableStream, out: Messages['out']): Promise<void> {
  try {
    const store = openSqliteStore(database);
    try {
      await store.serverChanges.bump();
    } finally {
      await store.close();
    }
  } catch (error) {
    stderr.write(`gcis-server: ${out.changeLater((error as Error).message)}\n`);
  }
}
