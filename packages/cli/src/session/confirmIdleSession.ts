import type { CliDeps } from '../deps.js';
import { gcisError } from '../errors/gcisError.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { loadClient } from './loadClient.js';
import { loginHint } from './loginHint.js';
import type { StoredSession, TokenStore } from './tokenStore.js';
import { loadMessages } from '../i18n/loadMessages.js';

/**
 * A stored session whose recorded idle end has passed: alive only if something used it since, so
 * the server decides (`GET /v1/session`, itself a use). Alive: the new idle end is recorded and
 * the token may be handed out. Ended: ERR_NOT_LOGGED_IN (exit 4). No answer: the error stands —
 * a token that may be dead is never handed out. Loaded only on this path, so that the plain
 * `gcis token` never loads the HTTP client.
 */
export async function confirmIdleSession(
  server: string,
  session: StoredSession,
  store: TokenStore,
  deps: Pick<CliDeps, 'env'>,
): Promise<void> {
  const client = await loadClient(deps, server, session.token);
  const t = await loadMessages(deps.env);
  let idleExpiresAt: string;
  try {
    ({ idleExpiresAt } = await client.whoami());
  } catch (error) {
    const { code } = error as { code?: unknown };
    const since = formatLocalTime(session.idleExpiresAt ?? session.issuedAt);
    if (code === 'ERR_NETWORK' || code === 'ERR_BAD_RESPONSE') {
      throw await gcisError(code, t.session.idleUnknown(server, since, (error as Error).message), { cause: error });
    }
    if (code !== 'ERR_UNAUTHENTICATED') throw error;
    throw await gcisError('ERR_NOT_LOGGED_IN', t.session.idleEnded(server, since, loginHint(server)), { cause: error });
  }
  await store.recordIdleEnd(server, session.token, idleExpiresAt);
}
