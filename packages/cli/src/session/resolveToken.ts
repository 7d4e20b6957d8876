import type { CliDeps } from '../deps.js';
import { gcisError } from '../errors/gcisError.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { loginHint } from './loginHint.js';
import { openTokenStore, type StoredSession } from './tokenStore.js';
import { loadMessages } from '../i18n/loadMessages.js';

export type ResolvedToken =
  | { token: string; source: 'env' }
  | { token: string; source: 'store'; session: StoredSession; storePath: string };

/**
 * The token to use for `server`: `GCIS_TOKEN` overrides the store (README "Environment variables"). A stored session
 * past its `expiresAt` counts as no session unless `allowExpired` (logout, status ask the server).
 * One past the idle end gcis last saw is handed out only once the server confirms it is alive
 * (session/confirmIdleSession.ts): a script may have kept it alive, or the server ended it.
 */
export async function resolveToken(
  server: string,
  { env, configDir, clock }: Pick<CliDeps, 'env' | 'configDir' | 'clock'>,
  { allowExpired = false } = {},
): Promise<ResolvedToken> {
  if (env.GCIS_TOKEN) return { token: env.GCIS_TOKEN, source: 'env' };
  const store = openTokenStore(configDir);
  const session = await store.read(server);
  if (!session) {
    const t = await loadMessages(env);
    throw await gcisError('ERR_NOT_LOGGED_IN', t.session.notLoggedIn(server, loginHint(server)));
  }
  const now = clock.now().getTime();
  if (!allowExpired && Date.parse(session.expiresAt) <= now) {
    const t = await loadMessages(env);
    throw await gcisError('ERR_NOT_LOGGED_IN', t.session.ended(server, formatLocalTime(session.expiresAt), loginHint(server)));
  }
  if (!allowExpired && session.idleExpiresAt && Date.parse(session.idleExpiresAt) <= now) {
    const { confirmIdleSession } = await import('./confirmIdleSession.js');
    await confirmIdleSession(server, session, store, { env });
  }
  return { token: session.token, source: 'store', session, storePath: store.path };
}
