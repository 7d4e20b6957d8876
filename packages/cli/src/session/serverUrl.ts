import type { Env } from '../deps.js';
import { gcisError } from '../errors/gcisError.js';
import { openTokenStore } from './tokenStore.js';
import { loadMessages } from '../i18n/loadMessages.js';

export const defaultServer = 'http://127.0.0.1:8470';

/** A name `gcis use --alias` / `gcis login --alias` accepts: no dot, colon or slash, so never a URL. */
const aliasPattern = /^[a-z][a-z0-9_-]{0,31}$/i;

export const isAliasName = (value: string) => aliasPattern.test(value);

/**
 * The server a command talks to, as the origin the token store is keyed by: `--server` flag >
 * `GCIS_SERVER` > the default `gcis use` stored > the built-in default. The flag and the variable
 * may name an alias; a word that is no alias is a host name (`--server localhost`).
 */
export async function resolveServer(flag: string | undefined, env: Env, configDir: string): Promise<string> {
  const named = flag || env.GCIS_SERVER;
  if (named && !isAliasName(named)) return serverOrigin(named, env);
  const { defaultServer: stored, aliases } = await openTokenStore(configDir).readAll();
  if (named) return Object.hasOwn(aliases, named) ? aliases[named]! : serverOrigin(named, env);
  return stored ?? defaultServer;
}

/**
 * The same rule as core's `normalizeServerUrl` (a test keeps them equal), repeated here because
 * core's lives beside the undici client and `gcis token` must not load undici.
 */
export async function serverOrigin(server: string, env: Env = {}): Promise<string> {
  const withScheme = /^[a-z]+:\/\//i.test(server) ? server : `http://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw await gcisError('ERR_USAGE', (await loadMessages(env)).session.notServerUrl(server));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw await gcisError('ERR_USAGE', (await loadMessages(env)).session.notHttp(server));
  }
  return url.origin;
}
