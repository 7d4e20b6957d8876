import { resolve } from 'node:path';
import { GcisError } from '@gcis/core';
import type { Messages } from '../i18n/messages.js';
import { hasPassword, isPostgresUrl } from './databaseUrl.js';

export type DatabaseChoice = {
  /** A PostgreSQL URL, or the absolute path of a SQLite file. */
  database: string;
  /** Where it came from, for messages: the flag, the environment, config.json, or the data folder's own gcis.db. */
  from: 'flag' | 'env' | 'config' | 'folder';
};

/**
 * Which database a command works on, as gcis reads any setting (flag > env > config):
 * `--database`, else GCIS_SERVER_DATABASE_URL, else config.json's `database.url`, else the data
 * folder's gcis.db. A password in `--database` is refused rather than warned about: a process's
 * arguments are readable by every user of the machine (`ps`, /proc) and stay in shell history, so
 * by the time a warning showed the secret would already be out — and a refusal keeps it out of
 * service files and scripts from the first try. The environment, the 0600 config.json, PGPASSWORD
 * or ~/.pgpass carry it instead.
 */
export function chooseDatabase(
  { flag, env, configUrl, folderDatabase }: { flag?: string; env: Readonly<Record<string, string | undefined>>; configUrl: string; folderDatabase: string },
  err: Messages['err'],
): DatabaseChoice {
  if (flag !== undefined && flag !== '') {
    refusePasswordOnArgv(flag, err);
    return { database: isPostgresUrl(flag) ? flag : resolve(flag), from: 'flag' };
  }
  const fromEnv = env.GCIS_SERVER_DATABASE_URL;
  if (fromEnv) return { database: isPostgresUrl(fromEnv) ? fromEnv : resolve(fromEnv), from: 'env' };
  if (configUrl) return { database: configUrl, from: 'config' };
  return { database: folderDatabase, from: 'folder' };
}

/** A `--database` value, unless it is a PostgreSQL URL carrying a password (ERR_USAGE): see chooseDatabase. */
export function refusePasswordOnArgv(flag: string, err: Messages['err']): string {
  if (isPostgresUrl(flag) && hasPassword(flag)) throw new GcisError('ERR_USAGE', err.databasePasswordOnArgv);
  return flag;
}
