import type { Env } from '../deps.js';
import { gcisError } from '../errors/gcisError.js';

export const defaultServer = 'http://127.0.0.1:8470';

/** `--server` flag > `GCIS_SERVER` > the default, as the origin the token store is keyed by. */
export function resolveServer(flag: string | undefined, env: Env): Promise<string> {
  return serverOrigin(flag || env.GCIS_SERVER || defaultServer);
}

/**
 * The same rule as core's `normalizeServerUrl` (a test keeps them equal), repeated here because
 * core's lives beside the undici client and `gcis token` must not load undici.
 */
export async function serverOrigin(server: string): Promise<string> {
  const withScheme = /^[a-z]+:\/\//i.test(server) ? server : `http://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw await gcisError('ERR_USAGE', `Not a server URL: ${server}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw await gcisError('ERR_USAGE', `The server URL must be http or https: ${server}`);
  }
  return url.origin;
}
