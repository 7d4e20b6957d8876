import { cryptoRandom, systemClock } from '@gcis/core';
import { initDataDir, openDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { createAdminCredential } from '../secrets/adminCredential.js';
import { messagesFor } from '../i18n/messages.js';

/** Creates a data folder and prints the administrator token on stdout, once: only its hash is kept. */
export async function init({ data }: { data: string }, io: ServerIo): Promise<void> {
  const paths = initDataDir(data, cryptoRandom);
  const { store } = openDataDir(data, io.env);
  const adminToken = await createAdminCredential(store, cryptoRandom, systemClock.now());
  await store.close();
  io.stderr.write(`${messagesFor(io.env).out.initialised(paths.root, paths.database, paths.secretKey, paths.config)}\n`);
  io.stdout.write(`${adminToken}\n`);
}

/** Makes one more administrator token: whoever can open the data folder is its administrator. */
export async function adminNewToken({ data }: { data: string }, io: ServerIo): Promise<void> {
  const { store } = openDataDir(data, io.env);
  io.stdout.write(`${await createAdminCredential(store, cryptoRandom, systemClock.now())}\n`);
  await store.close();
}
