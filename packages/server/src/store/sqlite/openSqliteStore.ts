import type { Store } from '../Store.js';
import { accountCertificatesRepo } from './accountCertificates.js';
import { accountsRepo } from './accounts.js';
import { adminCredentialsRepo } from './adminCredentials.js';
import { captchasRepo } from './captchas.js';
import { certificateChallengesRepo } from './certificateChallenges.js';
import { localEvents } from './localEvents.js';
import { oneDayPasswordsRepo } from './oneDayPasswords.js';
import { openSqliteDatabase } from './openSqliteDatabase.js';
import { pushTransactionsRepo } from './pushTransactions.js';
import { serverChangesRepo } from './serverChanges.js';
import { sessionsRepo } from './sessions.js';
import { sharedFilesRepo } from './sharedFiles.js';
import { rememberHandle } from './sqliteHandle.js';
import { throttleRepo } from './throttle.js';
import { totpKeysRepo } from './totpKeys.js';

/**
 * The embedded store: one SQLite file in WAL mode, opened (foreign keys on, a 5 s busy timeout)
 * and migrated under the write lock before this returns. Several processes may share the file;
 * every rule that keeps someone out is a constraint, a conditional update or an IMMEDIATE
 * transaction (https://www.sqlite.org/lang_transaction.html).
 */
export function openSqliteStore(file: string): Store {
  const db = openSqliteDatabase(file);
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const events = localEvents(() => dataVersion.get()!);
  const sessions = sessionsRepo(db);
  const store: Store = {
    kind: 'sqlite',
    location: file,
    accounts: accountsRepo(db),
    totpKeys: totpKeysRepo(db),
    sessions: {
      ...sessions,
      revoke: async (tokenHash, at) => {
        const revoked = await sessions.revoke(tokenHash, at);
        if (revoked) await events.publish({ kind: 'session-revoked', tokenHash });
        return revoked;
      },
    },
    captchas: captchasRepo(db),
    throttle: throttleRepo(db),
    oneDayPasswords: oneDayPasswordsRepo(db),
    adminCredentials: adminCredentialsRepo(db),
    pushTransactions: pushTransactionsRepo(db),
    certificateChallenges: certificateChallengesRepo(db),
    accountCertificates: accountCertificatesRepo(db),
    serverChanges: serverChangesRepo(db),
    sharedFiles: sharedFilesRepo(db),
    events,
    close: async () => void db.close(),
  };
  rememberHandle(store, db);
  return store;
}
