import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GcisError, type Random } from '@gcis/core';
import { defaultConfig, parseConfig, type ServerConfig } from './config.js';
import { checkOwnerOnly, makeOwnerOnlyFolder, restrictFile } from './dataDirModes.js';
import { createSecretBox, type SecretBox } from './secrets/secretBox.js';
import { openSqliteStore, type Store } from './store/index.js';
import { migrateSqliteFile } from './store/sqlite/migrateSqliteFile.js';
import { messagesFor } from './i18n/messages.js';

/** Everything a server keeps lives in one folder: the SQLite file, the secrets key, the config. */
export function dataPaths(dir: string) {
  const root = resolve(dir);
  return {
    root,
    database: join(root, 'gcis.db'),
    secretKey: join(root, 'secret.key'),
    config: join(root, 'config.json'),
    outbox: join(root, 'outbox'),
    /** Certificate login: trust anchors and intermediates (DER), see trust/trustFolder.ts. */
    trust: join(root, 'trust'),
    /** Certificate login: CRLs and their download sources, see trust/crlFolder.ts. */
    crl: join(root, 'crl'),
  };
}

/**
 * Creates a data folder (0700, new or empty): database with migrations, a secrets key and the
 * default config — every file 0600, the database's -wal and -shm included.
 */
export function initDataDir(dir: string, random: Random): ReturnType<typeof dataPaths> {
  const paths = dataPaths(dir);
  if (existsSync(paths.database) || existsSync(paths.secretKey)) {
    throw new GcisError('ERR_DATA_DIR', `${paths.root} already holds a gcis server; not overwriting it.`);
  }
  makeOwnerOnlyFolder(paths.root);
  writeOwnerOnly(paths.secretKey, `${Buffer.from(random.bytes(32)).toString('base64')}\n`);
  writeOwnerOnly(paths.config, `${JSON.stringify(defaultConfig, null, 2)}\n`);
  writeOwnerOnly(paths.database, ''); // SQLite takes an empty file as a new database and gives -wal and -shm its mode
  migrateSqliteFile(paths.database);
  for (const suffix of ['-wal', '-shm']) restrictFile(`${paths.database}${suffix}`);
  return paths;
}

function writeOwnerOnly(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  restrictFile(file); // the mode above is filtered by the umask
}

export type ServerData = { paths: ReturnType<typeof dataPaths>; store: Store; box: SecretBox; config: ServerConfig };

/**
 * Opens an initialised data folder, refusing one (or a key file) that others can read.
 * `GCIS_SERVER_SECRET_KEY` (base64, 32 bytes) replaces the key file, so the key can live in a
 * secret manager instead of on the same disk as the database.
 */
export function openDataDir(dir: string, env: NodeJS.ProcessEnv = process.env): ServerData {
  const paths = dataPaths(dir);
  if (!existsSync(paths.database)) {
    throw new GcisError('ERR_DATA_DIR', messagesFor(env).err.notDataDir(paths.root, dir));
  }
  checkOwnerOnly({ root: paths.root, secretKey: env.GCIS_SERVER_SECRET_KEY ? undefined : paths.secretKey });
  const keyText = env.GCIS_SERVER_SECRET_KEY ?? readKeyFile(paths.secretKey, env);
  const key = Buffer.from(keyText.trim(), 'base64');
  const config = existsSync(paths.config)
    ? parseConfig(parseJsonFile(paths.config), paths.config)
    : structuredClone(defaultConfig);
  return { paths, store: openSqliteStore(paths.database), box: createSecretBox(key), config };
}

function readKeyFile(file: string, env: NodeJS.ProcessEnv): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GcisError('ERR_DATA_DIR', messagesFor(env).err.secretKey(file), { cause });
  }
}

function parseJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GcisError('ERR_DATA_DIR', `${file} is not valid JSON.`, { cause });
  }
}
