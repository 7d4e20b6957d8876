import { isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { sayWarning } from '../output/say.js';
import { loadClient } from './loadClient.js';
import type { StoredSession } from './tokenStore.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * Ends on the server (`DELETE /v1/session`) the session a new login pushed out of the token store,
 * so it does not stay alive unseen. Best effort: the new login stands whatever happens here; a
 * failure is said on stderr with how long the old session may live. One the server already
 * ended, or that expired, needs nothing.
 */
export async function revokeReplacedSession(server: string, replaced: StoredSession, deps: CliDeps): Promise<void> {
  if (Date.parse(replaced.expiresAt) <= deps.clock.now().getTime()) return;
  try {
    await (await loadClient(deps, server, replaced.token)).logout();
  } catch (error) {
    if (isGcisError(error, 'ERR_UNAUTHENTICATED')) return;
    const why = isGcisError(error) ? error.code : 'ERR_INTERNAL';
    const until = formatLocalTime(replaced.expiresAt);
    await sayWarning(deps, messagesFor(deps.env).login.replacedNotEnded(server, why, until));
  }
}
