import { accountCertificatesRepo } from './accountCertificates.js';
import { accountsRepo } from './accounts.js';
import { adminCredentialsRepo } from './adminCredentials.js';
import { captchasRepo } from './captchas.js';
import { certificateChallengesRepo } from './certificateChallenges.js';
import type { Db } from './openDatabase.js';
import { oneDayPasswordsRepo } from './oneDayPasswords.js';
import { pushTransactionsRepo } from './pushTransactions.js';
import { serverChangesRepo } from './serverChanges.js';
import { sessionsRepo } from './sessions.js';
import { throttleRepo } from './throttle.js';
import { totpKeysRepo } from './totpKeys.js';

export { openDatabase } from './openDatabase.js';
export type { Db } from './openDatabase.js';

export function createStore(db: Db) {
  return {
    db,
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
  };
}

export type Store = ReturnType<typeof createStore>;
