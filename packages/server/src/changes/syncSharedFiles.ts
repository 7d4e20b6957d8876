import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadCrlAsync } from '@gcis/core/x509';
import type { SharedFileRow, SharedFilesRepo, SharedFolder } from '../store/Store.js';
import { writeFileAtomic } from '../trust/trustFolder.js';
import { sharedFilePath } from './sharedFilePath.js';

export type SharedFileSync = {
  /** Applies what changed in the store since the last call (everything, the first time); how many files it wrote or removed. */
  sync(): Promise<number>;
};

/**
 * Brings this instance's trust/ and crl/ up to date with what administrator commands stored
 * (SharedFilesRepo), whichever machine they ran on. Every file is written whole (temp + rename);
 * a file that already holds the stored bytes is left alone. A CRL is not replaced by an older
 * one: this instance may have downloaded a newer list than the one `crl add` stored. A row whose
 * name is not a trust or CRL file name, or a certificate whose SHA-256 is not its name, is refused
 * and logged. One sync runs at a time.
 */
export function syncSharedFiles(
  files: Pick<SharedFilesRepo, 'since'>,
  paths: Record<SharedFolder, string>,
  { log }: { log: { warn(message: string): void } },
): SharedFileSync {
  let seen = 0;
  let running: Promise<number> = Promise.resolve(0);
  const apply = async (row: SharedFileRow): Promise<boolean> => {
    const target = sharedFilePath(paths, row.folder, row.name);
    if (!target) {
      log.warn(`Ignoring a shared file with a name no trust or CRL file has: ${JSON.stringify(`${row.folder}/${row.name}`)}.`);
      return false;
    }
    if (row.folder === 'trust' && row.bytes !== null && !namedByItsHash(row.name, row.bytes)) {
      log.warn(`Ignoring shared trust/${row.name}: its content is not the certificate its name's SHA-256 says.`);
      return false;
    }
    if (row.bytes === null) {
      if (!existsSync(target)) return false;
      rmSync(target, { force: true });
      return true;
    }
    if (existsSync(target) && (await keepsLocal(target, row.bytes))) return false;
    writeFileAtomic(target, row.bytes);
    return true;
  };
  const syncNow = async (): Promise<number> => {
    let changed = 0;
    for (const row of await files.since(seen)) {
      if (await apply(row)) changed++;
      seen = row.version;
    }
    return changed;
  };
  return { sync: () => (running = running.then(syncNow, syncNow)) };
}

/** A trust file is named by its SHA-256 (trustFolder.ts): content that does not match is not what the command stored. */
function namedByItsHash(name: string, bytes: Buffer): boolean {
  return name.slice(name.indexOf('/') + 1, -'.der'.length) === createHash('sha256').update(bytes).digest('hex');
}

/** True when the file on disk should stay: the same bytes, or a CRL issued later than the stored one. */
async function keepsLocal(target: string, stored: Buffer): Promise<boolean> {
  const local = target.endsWith('.crl') ? await readFile(target) : readFileSync(target);
  if (local.equals(stored)) return true;
  if (!target.endsWith('.crl')) return false;
  const thisUpdate = async (der: Buffer) => (await loadCrlAsync(der).catch(() => undefined))?.thisUpdate.getTime();
  const [held, offered] = await Promise.all([thisUpdate(local), thisUpdate(stored)]);
  if (held === undefined) return false; // an unreadable local file gives way
  return offered === undefined || held > offered;
}
