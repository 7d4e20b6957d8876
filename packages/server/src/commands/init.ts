import { cryptoRandom, systemClock } from '@gcis/core';
import { initDataDir, openDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { createAdminCredential } from '../secrets/adminCredential.js';
import { messagesFor } from '../i18n/messages.js';

/** Creates a data folder and prints the administrator token on stdout, once: only its hash is kept. */
export function init({ data }: { data: string }, io: ServerIo): void {
  const paths = initDataDir(data, cryptoRandom);
  const { store } = openDataDir(data, io.env);
  const adminToken = createAdminCredential(store, cryptoRandom, systemClock.now());
  store.db.close();
  io.stderr.write(`${messagesFor(io.env).out.initialised(paths.root, paths.database, paths.secretKey, paths.config)}\n`);
  io.stdout.write(`${adminToken}\n`);
}

/** Makes one more administrator token: whoever can open the data folder is its administrator. */
export function adminNewToken({ data }: { data: string }, io: ServerIo): void {
  const { store } = openDataDir(data, io.env);
  io.stdout.write(`${createAdminCredential(store, cryptoRandom, systemClock.now())}\n`);
  store.db.close();
}
