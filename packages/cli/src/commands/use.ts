import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { sayNote, saySuccess } from '../output/say.js';
import { isAliasName, serverOrigin } from '../session/serverUrl.js';
import { openTokenStore } from '../session/tokenStore.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';

export type UseOptions = { target: string; alias?: string };

/**
 * `gcis use SERVER|ALIAS [--alias NAME]`: the server commands talk to when neither `--server` nor
 * `GCIS_SERVER` names one (like `gh auth switch`), kept in the token store. `--alias` names it.
 * A bare word that is neither an alias nor a server gcis has a session for is refused: it is
 * most likely a mistyped alias, not a host called `prdo`.
 */
export async function use({ target, alias }: UseOptions, deps: CliDeps): Promise<void> {
  const t = messagesFor(deps.env);
  if (alias !== undefined) checkAlias(alias, t);
  const store = openTokenStore(deps.configDir);
  const { sessions, aliases } = await store.readAll();
  const known = Object.hasOwn(aliases, target);
  const server = known ? aliases[target]! : await serverOrigin(target, deps.env);
  const loggedIn = Object.hasOwn(sessions, server);
  if (isAliasName(target) && !known && !loggedIn) {
    const names = Object.keys(aliases).join(', ') || t.session.noAliasesYet;
    throw new GcisError('ERR_USAGE', t.session.noSuchAlias(target, names));
  }
  await store.setDefault(server, alias);
  await saySuccess(deps, t.session.nowUses(server, alias));
  if (!loggedIn) sayNote(deps, t.session.notLoggedInYet(server));
}

/** Misuse, not a rejection: an alias must read as a name, never as a URL. */
export function checkAlias(alias: string, t: Messages): void {
  if (!isAliasName(alias)) {
    throw new GcisError('ERR_USAGE', t.session.aliasFormat(alias));
  }
}
