import type { CliDeps } from '../deps.js';
import { openTokenStore, type StoredSession } from '../tokenStore.js';
import { formatLocalTime } from './formatLocalTime.js';
import { gcisError } from './gcisError.js';
import { loginHint } from './loginHint.js';
import { loadMessages } from '../i18n/loadMessages.js';

export type ResolvedToken =
  | { token: string; source: 'env' }
  | { token: string; source: 'store'; session: StoredSession; storePath: string };

/**
 * The token to use for `server`: `GCIS_TOKEN` overrides the store (README "Environment variables"). A stored session
 * past its `expiresAt` counts as no session unless `allowExpired` (logout, status ask the server).
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
  if (!allowExpired && Date.parse(session.expiresAt) <= clock.now().getTime()) {
    const t = await loadMessages(env);
    throw await gcisError('ERR_NOT_LOGGED_IN', t.session.ended(server, formatLocalTime(session.expiresAt), loginHint(server)));
  }
  return { token: session.token, source: 'store', session, storePath: store.path };
}
