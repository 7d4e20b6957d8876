import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { sayNote, saySuccess } from '../output/say.js';
import { isAliasName, serverOrigin } from '../session/serverUrl.js';
import { openTokenStore } from '../session/tokenStore.js';

export type UseOptions = { target: string; alias?: string };

/**
 * `gcis use SERVER|ALIAS [--alias NAME]`: the server commands talk to when neither `--server` nor
 * `GCIS_SERVER` names one (like `gh auth switch`), kept in the token store. `--alias` names it.
 * A bare word that is neither an alias nor a server gcis has a session for is refused: it is
 * most likely a mistyped alias, not a host called `prdo`.
 */
export async function use({ target, alias }: UseOptions, deps: CliDeps): Promise<void> {
  if (alias !== undefined) checkAlias(alias);
  const store = openTokenStore(deps.configDir);
  const { sessions, aliases } = await store.readAll();
  const known = Object.hasOwn(aliases, target);
  const server = known ? aliases[target]! : await serverOrigin(target);
  const loggedIn = Object.hasOwn(sessions, server);
  if (isAliasName(target) && !known && !loggedIn) {
    const names = Object.keys(aliases).join(', ') || 'none yet';
    throw new GcisError('ERR_USAGE', `${target} is no alias (aliases: ${names}); give a URL, or name one with --alias.`);
  }
  await store.setDefault(server, alias);
  await saySuccess(deps, `gcis now uses ${server}${alias ? ` (${alias})` : ''} when no --server or GCIS_SERVER is given`);
  if (!loggedIn) sayNote(deps, `not logged in to ${server} yet: run gcis login`);
}

/** Misuse, not a rejection: an alias must read as a name, never as a URL. */
export function checkAlias(alias: string): void {
  if (!isAliasName(alias)) {
    throw new GcisError('ERR_USAGE', `--alias ${alias}: use a letter then letters, digits, - or _ (at most 32), no dots or colons.`);
  }
}
