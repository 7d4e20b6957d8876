import { GcisError, isGcisError } from '@gcis/core';
import pg from 'pg';
import type { Store } from '../Store.js';
import { accountCertificatesRepo } from './accountCertificates.js';
import { accountsRepo } from './accounts.js';
import { adminCredentialsRepo } from './adminCredentials.js';
import { captchasRepo } from './captchas.js';
import { certificateChallengesRepo } from './certificateChallenges.js';
import { ClosingClient } from './lib/ClosingClient.js';
import { pgDatabase } from './lib/pgDatabase.js';
import { rememberPool } from './postgresHandle.js';
import { migrate } from './migrate.js';
import { notifyEvents, type NotifyEventsOptions } from './notifyEvents.js';
import { oneDayPasswordsRepo } from './oneDayPasswords.js';
import { pushTransactionsRepo } from './pushTransactions.js';
import { rateCountsRepo } from './rateCounts.js';
import { redactUrl } from './redactUrl.js';
import { serverChangesRepo } from './serverChanges.js';
import { sessionsRepo } from './sessions.js';
import { sharedFilesRepo } from './sharedFiles.js';
import { throttleRepo } from './throttle.js';
import { totpKeysRepo } from './totpKeys.js';

export type PostgresStoreOptions = {
  /** Connections in the pool (default 10), besides the one that listens for events. */
  poolSize?: number;
  /** How long to wait for a connection — a new one, or a free one from the pool — before ERR_STORE_UNAVAILABLE (default 5000). */
  connectTimeoutMs?: number;
  reconnectDelayMs?: NotifyEventsOptions['reconnectDelayMs'];
};

/**
 * The store of several instances: a PostgreSQL database at `url` (libpq-style URL,
 * https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING), reached through a
 * `pg` Pool, its schema brought up to date under an advisory lock before this resolves. Connection
 * failures become ERR_STORE_UNAVAILABLE (HTTP 503) and the pool opens fresh connections once the
 * database is back; a transaction that fails is rolled back whole. Throws ERR_STORE_UNAVAILABLE
 * naming the URL without its password when the database cannot be opened.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { poolSize = 10, connectTimeoutMs = 5_000, reconnectDelayMs } = options;
  const location = redactUrl(url);
  const config: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, application_name: 'gcis-server' };
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ ...config, max: poolSize, Client: ClosingClient });
  } catch (error) {
    throw openFailed(location, error);
  }
  // An idle connection that breaks (a restart, a network cut) is dropped by the pool, which opens another when needed.
  pool.on('error', () => undefined);
  const db = pgDatabase(pool);
  let events: Awaited<ReturnType<typeof notifyEvents>>;
  try {
    await migrate(db);
    events = await notifyEvents(db, { newClient: () => new ClosingClient(config), reconnectDelayMs });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw openFailed(location, error);
  }
  // Not annotated, so `rateCounts` passes until Store lists it (see its file).
  const store = {
    kind: 'postgres' as const,
    location,
    accounts: accountsRepo(db),
    totpKeys: totpKeysRepo(db),
    sessions: sessionsRepo(db),
    captchas: captchasRepo(db),
    throttle: throttleRepo(db),
    oneDayPasswords: oneDayPasswordsRepo(db),
    adminCredentials: adminCredentialsRepo(db),
    pushTransactions: pushTransactionsRepo(db),
    certificateChallenges: certificateChallengesRepo(db),
    accountCertificates: accountCertificatesRepo(db),
    serverChanges: serverChangesRepo(db),
    sharedFiles: sharedFilesRepo(db),
    rateCounts: rateCountsRepo(db),
    events,
    close: async () => {
      await events.close();
      await pool.end();
    },
  };
  rememberPool(store, pool);
  return store;
}

function openFailed(location: string, error: unknown): GcisError {
  const unwrapped = isGcisError(error, 'ERR_STORE_UNAVAILABLE') && error.cause ? error.cause : error;
  // URL parsers keep what they could not parse as `input`: the whole URL, password and all.
  const cause = (unwrapped as { input?: unknown }).input === undefined ? unwrapped : new Error((unwrapped as Error).message);
  const { message, code } = cause as { message?: string; code?: unknown };
  const why = `${message ?? String(cause)}${typeof code === 'string' ? ` (${code})` : ''}`;
  return new GcisError('ERR_STORE_UNAVAILABLE', `Cannot open the database at ${location}: ${why}.`, { cause });
}
