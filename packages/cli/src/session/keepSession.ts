import type { CliDeps } from '../deps.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { saySuccess } from '../output/say.js';
import { revokeReplacedSession } from './revokeReplacedSession.js';
import { openTokenStore, type StoredSession } from './tokenStore.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * The end of every `gcis login`: keeps the session for `server` (and `alias` as its name), ends on
 * the server the session it replaced, says so on stderr and, with `json`, on stdout.
 */
export async function keepSession(
  server: string,
  session: StoredSession,
  { json, alias }: { json?: boolean; alias?: string },
  deps: CliDeps,
): Promise<void> {
  const store = openTokenStore(deps.configDir);
  const replaced = await store.save(server, session);
  if (alias !== undefined) await store.setAlias(server, alias);
  if (replaced && replaced.token !== session.token) await revokeReplacedSession(server, replaced, deps);

  const { account, method, issuedAt, expiresAt } = session;
  const until = formatLocalTime(expiresAt);
  await saySuccess(deps, messagesFor(deps.env).login.loggedIn(server, account, method, until));
  if (json) deps.stdout.write(`${JSON.stringify({ account, method, issuedAt, expiresAt, server })}\n`);
}
