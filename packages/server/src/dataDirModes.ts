import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { GcisError } from '@gcis/core';

/** Permission checks mean nothing on Windows (ACLs, not modes): skipped there. */
const modesApply = process.platform !== 'win32';

/**
 * Makes `root` a folder only its owner can open (0700): creates it, or tightens an existing empty
 * one. A folder holding anything is refused — init never takes over (or chmods) files it did not make.
 */
export function makeOwnerOnlyFolder(root: string): void {
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new GcisError('ERR_DATA_DIR', `${root} exists and is not a folder.`);
    if (readdirSync(root).length > 0) {
      throw new GcisError('ERR_DATA_DIR', `${root} is not empty; give "init" a new or empty folder.`);
    }
  }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  if (modesApply) chmodSync(root, 0o700); // the mode above is filtered by the umask and skipped for an existing folder
}

/** Owner read/write only; for files created before the process could choose their mode. */
export function restrictFile(file: string): void {
  if (modesApply && existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Like ssh with a private key: refuses a data folder, or a file holding a secret (the key file, a
 * config.json with a database password), that the group or others may read, naming the `chmod`
 * that fixes it (ERR_DATA_DIR_PERMISSIONS).
 */
export function checkOwnerOnly({ root, secretFiles = [] }: { root: string; secretFiles?: string[] }): void {
  if (!modesApply) return;
  const loose = [
    { path: root, want: 0o700 },
    ...secretFiles.filter((file) => existsSync(file)).map((path) => ({ path, want: 0o600 })),
  ].filter(({ path }) => (statSync(path).mode & 0o077) !== 0);
  if (loose.length === 0) return;
  const described = loose.map(({ path }) => `${path} is ${modeOf(path)}`).join(', ');
  const fix = loose.map(({ path, want }) => `chmod ${want.toString(8)} ${shellQuote(path)}`).join(' && ');
  throw new GcisError('ERR_DATA_DIR_PERMISSIONS', `${described}: group and others must not have access. Run: ${fix}`);
}

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

/** A path as one shell word, so the printed command can be pasted as it is. */
const shellQuote = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);
