import { cryptoRandom, systemClock } from '@gcis/core';
import { initDataDir, openDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { createAdminCredential } from '../secrets/adminCredential.js';

/** Creates a data folder and prints the administrator token on stdout, once: only its hash is kept. */
export function init({ data }: { data: string }, io: ServerIo): void {
  const paths = initDataDir(data, cryptoRandom);
  const { store } = openDataDir(data, io.env);
  const adminToken = createAdminCredential(store, cryptoRandom, systemClock.now());
  store.db.close();
  io.stderr.write(
    `Initialised ${paths.root}\n  database    ${paths.database}\n  secrets key ${paths.secretKey} (mode 0600; keep it out of backups of the database)\n  config      ${paths.config}\nAdministrator token (shown once; "gcis-server admin new-token" makes another):\n`,
  );
  io.stdout.write(`${adminToken}\n`);
}

/** Makes one more administrator token: whoever can open the data folder is its administrator. */
export function adminNewToken({ data }: { data: string }, io: ServerIo): void {
  const { store } = openDataDir(data, io.env);
  io.stdout.write(`${createAdminCredential(store, cryptoRandom, systemClock.now())}\n`);
  store.db.close();
}
