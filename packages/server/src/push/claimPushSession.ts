import type { Session } from '@gcis/core/api';
import { hashSessionToken } from '@gcis/core/session';
import type { AppContext } from '../context.js';
import { sessionView } from '../login/issueSession.js';

/** What the session token of an approved push login is sealed for: only this transaction's claim opens it. */
export const pushSessionContext = (id: string) => `push-session:${id}`;

/**
 * The session of an approved push login, for the one caller that claims it first (whichever
 * instance approved it); undefined once it was handed out, or when its session is gone. Every
 * long poll of one transaction is the same client's (only it knows the id), so the first to ask
 * takes it and the others see `approved` without it.
 */
export async function claimPushSession(context: AppContext, id: string): Promise<Session | undefined> {
  const { store, box } = context;
  const sealed = await store.pushTransactions.claimSession(id);
  if (!sealed) return undefined;
  const token = box.open(sealed, pushSessionContext(id)).toString('utf8');
  const session = await store.sessions.find(hashSessionToken(token));
  const account = session && (await store.accounts.get(session.account_id));
  if (!session || !account) return undefined;
  return sessionView(context, token, account.account, session.method, session.issued_at);
}
