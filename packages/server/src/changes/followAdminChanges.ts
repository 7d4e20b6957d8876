import type { Store, SharedFolder } from '../store/Store.js';
import { syncSharedFiles } from './syncSharedFiles.js';
import { watchChanges, type ChangeLogger, type ChangeWatcher } from './watchChanges.js';

/**
 * Keeps a running server in step with administrator commands run anywhere: on a
 * `server-changes` store event (LISTEN/NOTIFY on PostgreSQL), and on the poll of the change
 * counter as the fallback — every 250 ms on SQLite, whose events stay in their process, every
 * 5 s on PostgreSQL — it writes the shared trust and CRL files into this data folder
 * (syncSharedFiles) and then `apply`s them (reloads the certificate trust). `ready` is the first
 * sync, for the server to await before it answers logins.
 */
export function followAdminChanges(
  store: Pick<Store, 'kind' | 'serverChanges' | 'sharedFiles' | 'events'>,
  paths: Record<SharedFolder, string>,
  { apply, log, intervalMs = store.kind === 'postgres' ? 5_000 : 250 }: { apply: () => Promise<void>; log: ChangeLogger; intervalMs?: number },
): ChangeWatcher & { ready: Promise<void> } {
  const shared = syncSharedFiles(store.sharedFiles, paths, { log });
  const onChange = async () => {
    await shared.sync();
    await apply();
  };
  const ready = onChange();
  const watcher = watchChanges(store.serverChanges, { onChange, intervalMs, log });
  const stopListening = store.events.subscribe((event) => {
    if (event.kind === 'server-changes') void watcher.poll();
  });
  return {
    ready,
    poll: watcher.poll,
    async stop() {
      stopListening();
      await ready.catch(() => undefined);
      await watcher.stop();
    },
  };
}
