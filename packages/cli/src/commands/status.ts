import { GcisError, isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { loginHint } from '../session/loginHint.js';
import { resolveToken } from '../session/resolveToken.js';
import { openTokenStore } from '../session/tokenStore.js';

export type StatusOptions = { server: string; json?: boolean };

/**
 * `gcis status`: asks the server who the token belongs to (`GET /v1/session`) and says where the
 * token came from; the idle end it reports is recorded for `gcis token` (session/resolveToken.ts).
 */
export async function status({ server, json }: StatusOptions, deps: CliDeps): Promise<void> {
  const resolved = await resolveToken(server, deps, { allowExpired: true });
  const client = await loadClient(deps, server, resolved.token);
  const who = await withSpinner(deps, `Asking ${server}`, () => client.whoami()).catch((error: unknown) => {
    if (!isGcisError(error, 'ERR_UNAUTHENTICATED')) throw error;
    const which = resolved.source === 'env' ? 'the token in GCIS_TOKEN' : 'the stored session';
    throw new GcisError('ERR_UNAUTHENTICATED', `${server} no longer accepts ${which}: run ${loginHint(server)}.`, {
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
  deps.stdout.write(
    [
      `server   ${server}`,
      `account  ${who.account} (${who.name})`,
      `method   ${who.method}`,
      `until    ${formatLocalTime(who.expiresAt)} (or ${formatLocalTime(who.idleExpiresAt)} if unused until then)`,
      `token    from ${from}`,
    ].join('\n') + '\n',
  );
}
