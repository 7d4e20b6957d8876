import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { readStdin } from '../io/readStdin.js';
import { withSpinner } from '../output/withSpinner.js';
import { keepSession } from '../session/keepSession.js';
import { loadClient } from '../session/loadClient.js';
import { messagesFor } from '../i18n/messages.js';

export type LoginWithTokenOptions = { server: string; json?: boolean; alias?: string };

/**
 * `gcis login --with-token`: keeps a token made elsewhere (another machine, `gcis token` there),
 * read from stdin — never argv, where `ps` shows it. Kept only once the server accepts it
 * (`GET /v1/session`), with the account and deadlines the server gives; a token the server
 * refuses fails with ERR_UNAUTHENTICATED (exit 4) and leaves the store as it was.
 */
export async function loginWithToken({ server, json, alias }: LoginWithTokenOptions, deps: CliDeps): Promise<void> {
  const t = messagesFor(deps.env);
  const token = (await readStdin(deps.stdin)).trim();
  if (!token) throw missingInput(t.session.missingToken, t.session.tokenSources, deps.env);
  // One line of visible ASCII: anything else could not be a header value, let alone a token.
  if (!/^[\x21-\x7e]{1,1024}$/.test(token)) {
    throw new GcisError('ERR_INVALID_INPUT', t.session.tokenNotPrintable);
  }
  const client = await loadClient(deps, server, token);
  const who = await withSpinner(deps, t.session.checkingToken(server), () => client.whoami());
  const { account, method, issuedAt, expiresAt, idleExpiresAt } = who;
  await keepSession(server, { token, account, method, issuedAt, expiresAt, idleExpiresAt }, { json, alias }, deps);
}
