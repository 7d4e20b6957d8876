import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { GcisError } from '@gcis/core';
import type { SharedFilesRepo, SharedFolder } from '../store/Store.js';
import { parseCrlSources, saveCrlSource, withCrlSource, type CrlSource } from '../trust/crlFolder.js';

/** Records files just written under trust/ or crl/ (full paths) as they are now on disk. */
export async function shareFiles(files: SharedFilesRepo, paths: Record<SharedFolder, string>, folder: SharedFolder, written: readonly string[], at: string): Promise<void> {
  for (const file of written) {
    await files.put({ folder, name: relative(paths[folder], file).split(sep).join('/'), bytes: readFileSync(file), at });
  }
}

/**
 * Adds a CRL's download source to the shared crl/sources.json and writes the result here too,
 * under the local file's lock. The stored file is changed only if no other command (on any
 * machine) changed it since it was read — else read and merged again — so no source is lost.
 * A store that never held sources.json starts from this folder's.
 */
export async function shareCrlSource(files: SharedFilesRepo, crlDir: string, source: CrlSource, at: string, { attempts = 50 } = {}): Promise<void> {
  await saveCrlSource(crlDir, source, async (local) => {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const stored = await files.get('crl', 'sources.json');
      const base = stored ? (stored.bytes ? parseCrlSources(stored.bytes, 'crl/sources.json in the database') : []) : local;
      const bytes = withCrlSource(base, source);
      if ((await files.put({ folder: 'crl', name: 'sources.json', bytes, at }, stored?.version ?? null)) !== undefined) return bytes;
    }
    throw new GcisError('ERR_STORE_LOCKED', `crl/sources.json kept changing in the database; run the command again.`);
  });
}
