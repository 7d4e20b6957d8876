import type { LoginMethod, Session } from '@gcis/core/api';
import { createSessionToken } from '@gcis/core/session';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../store/accounts.js';

/** Creates a session for a verified login; only the token's hash is stored. */
export function issueSession(context: AppContext, account: AccountRow, method: LoginMethod): Session {
  const now = context.clock.now();
  const { token, tokenHash } = createSessionToken(context.random);
  context.store.sessions.insert({ tokenHash, accountId: account.id, method, issuedAt: now.toISOString() });
  const { absoluteSeconds, idleSeconds } = context.config.session;
  return {
    token,
    account: account.account,
    method,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + absoluteSeconds * 1000).toISOString(),
    idleTimeoutSeconds: idleSeconds,
  };
}
