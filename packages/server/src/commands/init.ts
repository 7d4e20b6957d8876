import { cryptoRandom } from '@gcis/core';
import { initDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';

export function init({ data }: { data: string }, io: ServerIo): void {
  const paths = initDataDir(data, cryptoRandom);
  io.stderr.write(
    `Initialised ${paths.root}\n  database    ${paths.database}\n  secrets key ${paths.secretKey} (mode 0600; keep it out of backups of the database)\n  config      ${paths.config}\n`,
  );
}
