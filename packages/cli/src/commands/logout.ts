import { isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { sayNote, saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { openTokenStore } from '../session/tokenStore.js';

/**
 * `gcis logout`: revokes the session on the server (`DELETE /v1/session`), then forgets it locally.
 * If the server cannot be asked, nothing is forgotten: the token may still be live and the user
 * can retry. A token the server already refuses is forgotten. `GCIS_TOKEN` is revoked, the store
 * left alone. Not logged in is not an error: logout is what a CI `trap` runs unconditionally.
 */
export async function logout({ server }: { server: string }, deps: CliDeps): Promise<void> {
  const resolved = await resolveToken(server, deps, { allowExpired: true }).catch((error: unknown) => {
    if (isGcisError(error, 'ERR_NOT_LOGGED_IN')) return undefined;
    throw error;
  });
  if (!resolved) {
    sayNote(deps, `not logged in to ${server}; nothing to do`);
    return;
  }
  const client = await loadClient(server, resolved.token);
  try {
    await withSpinner(deps, `Logging out of ${server}`, () => client.logout());
  } catch (error) {
    if (!isGcisError(error, 'ERR_UNAUTHENTICATED')) throw error;
    sayNote(deps, 'the server had already ended this session');
  }
  if (resolved.source === 'store') await openTokenStore(deps.configDir).remove(server, resolved.token);
  await saySuccess(deps, `Logged out of ${server}${resolved.source === 'env' ? ' (the token in GCIS_TOKEN)' : ''}`);
}
