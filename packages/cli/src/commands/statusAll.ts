import { GcisError, isGcisError } from '@gcis/core/errors';
import type { WhoAmI } from '@gcis/core/api';
import type { CliDeps } from '../deps.js';
import { gcisError } from '../errors/gcisError.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { resolveServer } from '../session/serverUrl.js';
import { openTokenStore, type StoredSession } from '../session/tokenStore.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';

export type StatusAllOptions = { json?: boolean; timeoutSeconds?: number };

/** One server of `gcis status --all`: what it said about its stored session, or why it said nothing. */
export type ServerStatus = {
  server: string;
  aliases: string[];
  default: boolean;
  state: 'active' | 'ended' | 'unreachable';
  /** The account stored locally; the server's answer below when it is active. */
  account: string;
  who?: WhoAmI;
  /** Why the server is unreachable (ERR_NETWORK, ERR_TIMEOUT, ERR_BAD_RESPONSE …). */
  code?: string;
};

/**
 * `gcis status --all`: asks every server in the token store who is logged in, all at once, each
 * within `timeoutSeconds`. A server that does not answer is listed as unreachable, not fatal; a
 * session the server no longer accepts as ended. The default (`gcis use`, or what
 * `--server` / `GCIS_SERVER` pick now) is marked. GCIS_TOKEN plays no part: it belongs to one server.
 */
export async function statusAll({ json, timeoutSeconds = 5 }: StatusAllOptions, deps: CliDeps): Promise<void> {
  const store = openTokenStore(deps.configDir);
  const { sessions, aliases } = await store.readAll();
  const current = await resolveServer(undefined, deps.env, deps.configDir);
  const servers = Object.keys(sessions);
  const t = messagesFor(deps.env);
  if (servers.length === 0) throw await gcisError('ERR_NOT_LOGGED_IN', t.session.notLoggedInAnywhere);

  const statuses = await withSpinner(deps, t.session.askingServers(servers.length), () =>
    Promise.all(
      servers.map(async (server): Promise<ServerStatus> => {
        const session = sessions[server]!;
        const base = {
          server,
          aliases: Object.keys(aliases).filter((name) => aliases[name] === server),
          default: server === current,
          account: session.account,
        };
        const answer = await ask(deps, server, session, timeoutSeconds);
        if (answer.who) await store.recordIdleEnd(server, session.token, answer.who.idleExpiresAt);
        return { ...base, ...answer };
      }),
    ),
  );
  deps.stdout.write(json ? `${JSON.stringify(statuses)}\n` : statuses.map((status) => describe(status, t)).join('\n') + '\n');
}

type Answer = Pick<ServerStatus, 'state' | 'who' | 'code'>;

async function ask(deps: CliDeps, server: string, session: StoredSession, timeoutSeconds: number): Promise<Answer> {
  // The client's own timeout ends the request; the race also bounds connecting, which it does not.
  const client = await loadClient(deps, server, session.token, { timeoutMs: timeoutSeconds * 1000 });
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  const timedOut = new Promise<Answer>((resolve) =>
    signal.addEventListener('abort', () => resolve({ state: 'unreachable', code: 'ERR_TIMEOUT' })),
  );
  const asked = client.whoami().then(
    (who): Answer => ({ state: 'active', who }),
    (error: unknown): Answer => {
      if (isGcisError(error, 'ERR_UNAUTHENTICATED')) return { state: 'ended' };
      return { state: 'unreachable', code: isGcisError(error) ? error.code : 'ERR_NETWORK' };
    },
  );
  return Promise.race([asked, timedOut]);
}

function describe({ server, aliases, default: isDefault, state, account, who, code }: ServerStatus, { session }: Messages): string {
  const name = `${isDefault ? '*' : ' '} ${server}${aliases.length ? ` (${aliases.join(', ')})` : ''}`;
  if (state === 'active' && who) {
    const until = session.allUntil(formatLocalTime(who.expiresAt), formatLocalTime(who.idleExpiresAt));
    return `${name}\n    ${who.account} (${who.name}), ${who.method}, ${until}`;
  }
  if (state === 'ended') return `${name}\n    ${session.allEnded(account, server)}`;
  return `${name}\n    ${session.allUnreachable(account, String(code))}`;
}

/** `--timeout` of `gcis status --all`: whole seconds, 1 to 60. */
export function parseTimeout(value: string, t: Messages): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    throw new GcisError('ERR_USAGE', t.session.timeoutFlag(value));
  }
  return seconds;
}
