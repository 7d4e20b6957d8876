import type { LoginMethod, Session } from '@gcis/core/api';
import { createSessionToken } from '@gcis/core/session';
import type { AppContext } from '../context.js';
import type { AccountRow, NewSession } from '../store/Store.js';

/** Creates a session for a verified login; only the token's hash is stored. */
export async function issueSession(context: AppContext, account: AccountRow, method: LoginMethod): Promise<Session> {
  const { session, row } = mintSession(context, account, method);
  await context.store.sessions.insert(row);
  return session;
}

/** A new session token and the row that stores it (by hash), for a caller that stores it its own way (push approval). */
export function mintSession(context: Pick<AppContext, 'clock' | 'random' | 'config'>, account: AccountRow, method: LoginMethod): { session: Session; row: NewSession } {
  const now = context.clock.now();
  const { token, tokenHash } = createSessionToken(context.random);
  const row = { tokenHash, accountId: account.id, method, issuedAt: now.toISOString() };
  return { session: sessionView(context, token, account.account, method, row.issuedAt), row };
}

/** The API view of a session whose token the caller holds. */
export function sessionView(context: Pick<AppContext, 'config'>, token: string, account: string, method: LoginMethod, issuedAt: string): Session {
  const { absoluteSeconds, idleSeconds } = context.config.session;
  return {
    token,
    account,
    method,
    issuedAt,
    expiresAt: new Date(new Date(issuedAt).getTime() + absoluteSeconds * 1000).toISOString(),
    idleTimeoutSeconds: idleSeconds,
  };
}
