import { accountsRepo } from './accounts.js';
import { captchasRepo } from './captchas.js';
import type { Db } from './openDatabase.js';
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
  };
}

export type Store = ReturnType<typeof createStore>;
