import { cryptoRandom, GcisError, systemClock } from '@gcis/core';
import { dataPaths, initDataDir, openDataDir, type DataOptions } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { createAdminCredential } from '../secrets/adminCredential.js';
import { chooseDatabase } from '../store/chooseDatabase.js';
import { isPostgresUrl, stripPassword } from '../store/databaseUrl.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/openStore.js';
import { messagesFor, type Messages } from '../i18n/messages.js';

/**
 * Creates a data folder and prints the administrator token on stdout, once: only its hash is kept.
 * With a PostgreSQL URL (`--database`, or GCIS_SERVER_DATABASE_URL) it migrates that database
 * first — nothing is written when it cannot be reached — and records the URL in config.json,
 * without a password it was given in the environment; the folder then holds no gcis.db.
 */
export async function init({ data, database }: DataOptions, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const paths = dataPaths(data);
  const chosen = chooseDatabase({ flag: database, env: io.env, configUrl: '', folderDatabase: paths.database }, err);
  let store: Store;
  if (isPostgresUrl(chosen.database)) {
    store = await openStore(chosen.database);
    try {
      await refuseDatabaseInUse(store, err);
      initDataDir(data, cryptoRandom, { postgresUrl: chosen.from === 'flag' ? chosen.database : stripPassword(chosen.database) });
    } catch (error) {
      await store.close();
      throw error;
    }
  } else {
    initDataDir(data, cryptoRandom, { sqliteFile: chosen.database });
    store = await openStore(chosen.database);
  }
  const adminToken = await createAdminCredential(store, cryptoRandom, systemClock.now()).finally(() => store.close());
  io.stderr.write(`${out.initialised(paths.root, store.location, paths.secretKey, paths.config)}\n`);
  io.stdout.write(`${adminToken}\n`);
}

/**
 * A second `init` on a database in use would make a folder whose new secrets key cannot open the
 * TOTP secrets sealed there: instances of one database share one folder's key.
 */
async function refuseDatabaseInUse(store: Store, err: Messages['err']): Promise<void> {
  if ((await store.accounts.list()).length > 0) throw new GcisError('ERR_DATA_DIR', err.databaseInUse(store.location));
}

/** Makes one more administrator token: whoever can open the data folder is its administrator. */
export async function adminNewToken({ data, database }: DataOptions, io: ServerIo): Promise<void> {
  const { store } = await openDataDir(data, io.env, { database });
  try {
    io.stdout.write(`${await createAdminCredential(store, cryptoRandom, systemClock.now())}\n`);
  } finally {
    await store.close();
  }
}
