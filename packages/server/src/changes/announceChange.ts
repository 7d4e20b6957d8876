import { openDataDir, type DataOptions } from '../dataDir.js';
import type { Messages } from '../i18n/en.js';

/**
 * Tells the running servers of a data folder (see watchChanges) that trust/ or crl/ changed, once
 * the files are in place: bumps the change counter in the folder's store — its gcis.db, or the
 * PostgreSQL database every instance polls. The change itself is done: when the database stays
 * busy or cannot be reached, a warning says the servers' periodic scan will find it instead.
 */
export async function announceChange(folder: DataOptions, env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream, out: Messages['out']): Promise<void> {
  try {
    const { store } = await openDataDir(folder.data, env, { database: folder.database });
    try {
      await store.serverChanges.bump();
    } finally {
      await store.close();
    }
  } catch (error) {
    stderr.write(`gcis-server: ${out.changeLater((error as Error).message)}\n`);
  }
}
