import { GcisError } from '@gcis/core';
import { hashSessionToken, isSessionToken, sessionState } from '@gcis/core/session';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { SessionRow } from '../store/Store.js';
import type { AccountIdentity } from './accountIdentities.js';
import { sessionTouch } from './sessionTouch.js';

export type Authenticated = {
  account: AccountIdentity;
  session: SessionRow;
  tokenHash: string;
  expiresAt: Date;
  idleExpiresAt: Date;
};

/**
 * Resolves the bearer token to a live session and slides its idle limit, writing the last use only
 * when that moves the deadline by more than a step (login/sessionTouch.ts). Every failure is the
 * same ERR_UNAUTHENTICATED: a caller learns nothing about tokens it does not hold.
 */
export async function authenticate(context: AppContext, request: FastifyRequest): Promise<Authenticated> {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const unauthenticated = () => new GcisError('ERR_UNAUTHENTICATED', 'Not logged in, or the session has ended.');
  if (!token || !isSessionToken(token)) throw unauthenticated();
  const tokenHash = hashSessionToken(token);
  const session = await context.store.sessions.find(tokenHash);
  if (!session || session.revoked_at) throw unauthenticated();
  const now = context.clock.now();
  const times = { issuedAt: new Date(session.issued_at), lastSeenAt: new Date(session.last_seen_at) };
  if (!sessionState(times, now, context.config.session).active) throw unauthenticated();
  const account = await context.accountIdentities.get(session.account_id);
  if (!account) throw unauthenticated();
  const touch = sessionTouch(times, now, context.config.session);
  if (touch.write) await context.store.sessions.touch(tokenHash, now.toISOString());
  const expiresAt = new Date(times.issuedAt.getTime() + context.config.session.absoluteSeconds * 1000);
  return { account, session, tokenHash, expiresAt, idleExpiresAt: touch.expiresAt };
}
