import { openDataDir, type DataOptions } from '../dataDir.js';
import type { SharedFilesRepo } from '../store/index.js';
import type { Messages } from '../i18n/en.js';

/**
 * After an administrator command changed trust/ or crl/ here: `share` records the changed files
 * in the folder's store — its gcis.db, or the PostgreSQL database every instance uses — so that
 * every instance, on any machine, brings its own folder up to date; then the change counter is
 * bumped and a `server-changes` event published, and running servers apply it at once
 * (changes/followAdminChanges.ts). The change here is done whatever happens: when the database
 * cannot be reached, a warning says who will and will not see it.
 */
export async function announceChange(
  folder: DataOptions,
  env: NodeJS.ProcessEnv,
  stderr: NodeJS.WritableStream,
  out: Messages['out'],
  share: (files: SharedFilesRepo) => Promise<void> = async () => undefined,
): Promise<void> {
  try {
    const { store } = await openDataDir(folder.data, env, { database: folder.database });
    try {
      await share(store.sharedFiles);
      await store.serverChanges.bump();
      await store.events.publish({ kind: 'server-changes' });
    } finally {
      await store.close();
    }
  } catch (error) {
    stderr.write(`gcis-server: ${out.changeLater((error as Error).message)}\n`);
  }
}
