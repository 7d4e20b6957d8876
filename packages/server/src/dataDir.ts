import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GcisError, type Random } from '@gcis/core';
import { defaultConfig, parseConfig, type ServerConfig } from './config.js';
import { checkOwnerOnly, makeOwnerOnlyFolder, restrictFile } from './dataDirModes.js';
import { createSecretBox, type SecretBox } from './secrets/secretBox.js';
import { chooseDatabase } from './store/chooseDatabase.js';
import { hasPassword, isPostgresUrl } from './store/databaseUrl.js';
import type { Store } from './store/index.js';
import { openStore } from './store/openStore.js';
import { migrateSqliteFile } from './store/sqlite/migrateSqliteFile.js';
import { messagesFor } from './i18n/messages.js';

/** What a server keeps lives in one folder: the SQLite file (unless the data is in PostgreSQL), the secrets key, the config. */
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
 * Creates a data folder (0700, new or empty): a secrets key, the config and — unless the data
 * lives in PostgreSQL (`postgresUrl`, which config.json records as database.url) — the SQLite
 * database with migrations, DIR/gcis.db or `sqliteFile`. Every file 0600, the database's -wal
 * and -shm included.
 */
export function initDataDir(
  dir: string,
  random: Random,
  { sqliteFile, postgresUrl }: { sqliteFile?: string; postgresUrl?: string } = {},
): ReturnType<typeof dataPaths> {
  const paths = dataPaths(dir);
  const database = sqliteFile ?? paths.database;
  if (existsSync(paths.database) || existsSync(paths.secretKey) || (!postgresUrl && existsSync(database))) {
    throw new GcisError('ERR_DATA_DIR', `${paths.root} already holds a gcis server; not overwriting it.`);
  }
  makeOwnerOnlyFolder(paths.root);
  writeOwnerOnly(paths.secretKey, `${Buffer.from(random.bytes(32)).toString('base64')}\n`);
  const config = postgresUrl ? { ...defaultConfig, database: { url: postgresUrl } } : defaultConfig;
  writeOwnerOnly(paths.config, `${JSON.stringify(config, null, 2)}\n`);
  if (postgresUrl) return paths;
  writeOwnerOnly(database, ''); // SQLite takes an empty file as a new database and gives -wal and -shm its mode
  migrateSqliteFile(database);
  for (const suffix of ['-wal', '-shm']) restrictFile(`${database}${suffix}`);
  return paths;
}

function writeOwnerOnly(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  restrictFile(file); // the mode above is filtered by the umask
}

export type ServerData = { paths: ReturnType<typeof dataPaths>; store: Store; box: SecretBox; config: ServerConfig };

/** What every command that opens a data folder takes: the folder, and `--database` when given. */
export type DataOptions = { data: string; database?: string };

/**
 * Opens an initialised data folder and its store, refusing a folder (or a key file) that others
 * can read. `GCIS_SERVER_SECRET_KEY` (base64, 32 bytes) replaces the key file, so the key can live
 * in a secret manager instead of on the same disk as the database. The store is the one
 * chooseDatabase picks: `--database`, GCIS_SERVER_DATABASE_URL, config.json's database.url, or
 * DIR/gcis.db; ERR_STORE_UNAVAILABLE when PostgreSQL cannot be reached.
 */
export async function openDataDir(dir: string, env: NodeJS.ProcessEnv = process.env, { database }: { database?: string } = {}): Promise<ServerData> {
  const { err } = messagesFor(env);
  const paths = dataPaths(dir);
  if (!isDataFolder(paths)) throw new GcisError('ERR_DATA_DIR', err.notDataDir(paths.root, dir));
  const config = existsSync(paths.config)
    ? parseConfig(parseJsonFile(paths.config), paths.config)
    : structuredClone(defaultConfig);
  const secretFiles = [...(env.GCIS_SERVER_SECRET_KEY ? [] : [paths.secretKey]), ...(hasPassword(config.database.url) ? [paths.config] : [])];
  checkOwnerOnly({ root: paths.root, secretFiles });
  const keyText = env.GCIS_SERVER_SECRET_KEY ?? readKeyFile(paths.secretKey, env);
  const key = Buffer.from(keyText.trim(), 'base64');
  const chosen = chooseDatabase({ flag: database, env, configUrl: config.database.url, folderDatabase: paths.database }, err);
  if (!isPostgresUrl(chosen.database) && !existsSync(chosen.database)) {
    // SQLite would create an empty database: a typo, or a folder whose data is in PostgreSQL, must not look like one
    throw new GcisError('ERR_DATA_DIR', chosen.from === 'folder' ? err.notDataDir(paths.root, dir) : err.noDatabase(chosen.database));
  }
  return { paths, store: await openStore(chosen.database), box: createSecretBox(key), config };
}

/** A folder `init` made: its config.json, or the SQLite file of a folder made before there was one. */
export function isDataFolder(paths: ReturnType<typeof dataPaths>): boolean {
  return existsSync(paths.config) || existsSync(paths.database);
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
