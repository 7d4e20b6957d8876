import { GcisError, isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { loginHint } from '../session/loginHint.js';
import { resolveToken } from '../session/resolveToken.js';
import { openTokenStore } from '../session/tokenStore.js';
import { messagesFor } from '../i18n/messages.js';
import { alignLabels } from '@gcis/core/i18n/terminal';

export type StatusOptions = { server: string; json?: boolean };

/**
 * `gcis status`: asks the server who the token belongs to (`GET /v1/session`) and says where the
 * token came from; the idle end it reports is recorded for `gcis token` (session/resolveToken.ts).
 */
export async function status({ server, json }: StatusOptions, deps: CliDeps): Promise<void> {
  const resolved = await resolveToken(server, deps, { allowExpired: true });
  const client = await loadClient(deps, server, resolved.token);
  const t = messagesFor(deps.env);
  const who = await withSpinner(deps, t.session.asking(server), () => client.whoami()).catch((error: unknown) => {
    if (!isGcisError(error, 'ERR_UNAUTHENTICATED')) throw error;
    const which = resolved.source === 'env' ? t.session.envToken : t.session.storedSession;
    throw new GcisError('ERR_UNAUTHENTICATED', t.session.noLongerAccepted(server, which, loginHint(server)), {
      cause: error,
    });
  });

  if (resolved.source === 'store') {
    await openTokenStore(deps.configDir).recordIdleEnd(server, resolved.token, who.idleExpiresAt);
  }
  const from = resolved.source === 'env' ? 'GCIS_TOKEN' : resolved.storePath;
  if (json) {
    const storePath = resolved.source === 'store' ? { storePath: resolved.storePath } : {};
    const result = { server, ...who, tokenSource: resolved.source, ...storePath };
    deps.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const { labels } = t.session;
  deps.stdout.write(
    alignLabels([
      [labels.server, server],
      [labels.account, `${who.account} (${who.name})`],
      [labels.method, who.method],
      [labels.until, t.session.until(formatLocalTime(who.expiresAt), formatLocalTime(who.idleExpiresAt))],
      [labels.token, t.session.tokenFrom(from)],
    ]).join('\n') + '\n',
  );
}
