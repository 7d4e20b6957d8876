import { GcisError, isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { sayNote, saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken, type ResolvedToken } from '../session/resolveToken.js';
import { openTokenStore } from '../session/tokenStore.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * `gcis logout`: revokes the session on the server (`DELETE /v1/session`), then forgets it locally.
 * If the server cannot be asked, nothing is forgotten: the token may still be live and the user
 * can retry. A token the server already refuses is forgotten. `GCIS_TOKEN` is revoked, the store
 * left alone. Not logged in is not an error: logout is what a CI `trap` runs unconditionally.
 * `local` forgets the stored entry without asking the server (it is gone, or unreachable from
 * here): the session stays valid on the server until it idles out or ends.
 */
export async function logout({ server, local }: { server: string; local?: boolean }, deps: CliDeps): Promise<void> {
  const resolved = await resolveToken(server, deps, { allowExpired: true }).catch((error: unknown) => {
    if (isGcisError(error, 'ERR_NOT_LOGGED_IN')) return undefined;
    throw error;
  });
  const t = messagesFor(deps.env);
  if (!resolved) {
    sayNote(deps, t.session.notLoggedInNothing(server));
    return;
  }
  if (local) return forgetLocally(server, resolved, deps);
  const client = await loadClient(deps, server, resolved.token);
  try {
    await withSpinner(deps, t.session.loggingOut(server), () => client.logout());
  } catch (error) {
    if (isGcisError(error, 'ERR_NETWORK') && resolved.source === 'store') {
      const hint = messagesFor(deps.env).session.logoutUnreachable(error.message);
      throw new GcisError('ERR_NETWORK', hint, { cause: error });
    }
    if (!isGcisError(error, 'ERR_UNAUTHENTICATED')) throw error;
    sayNote(deps, t.session.alreadyEnded);
  }
  if (resolved.source === 'store') await openTokenStore(deps.configDir).remove(server, resolved.token);
  await saySuccess(deps, t.session.loggedOut(server, resolved.source === 'env'));
}

async function forgetLocally(server: string, resolved: ResolvedToken, deps: CliDeps): Promise<void> {
  if (resolved.source === 'env') {
    throw new GcisError('ERR_USAGE', messagesFor(deps.env).session.localEnvToken);
  }
  await openTokenStore(deps.configDir).remove(server, resolved.token);
  await saySuccess(deps, messagesFor(deps.env).session.forgotLocally(server));
}
