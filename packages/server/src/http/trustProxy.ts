import { isIP } from 'node:net';
import { GcisError } from '@gcis/core';

/** Ranges proxy-addr (Fastify's `trustProxy`) knows by name: 127/8 and ::1, 169.254/16 and fe80::/10, private ranges and fc00::/7. */
const namedRanges = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * The `trustProxy` setting: `false` (the default: the TCP peer is the client), or the addresses and
 * CIDR ranges of the reverse proxies in front of the server. Only a request whose peer is one of
 * them has its client taken from X-Forwarded-For — the right-most address not in the list — so a
 * client that talks to the server directly cannot name another address for itself. `true`
 * (trust anyone) is refused for that reason.
 */
export function parseTrustProxy(value: unknown, source: string): false | string[] {
  if (value === false) return false;
  const bad = (what: string) =>
    new GcisError('ERR_DATA_DIR', `${source}: trustProxy must be false or a list of proxy addresses or CIDR ranges, e.g. ["10.0.0.5", "10.1.0.0/16"]; ${what}.`);
  if (!Array.isArray(value) || value.length === 0) throw bad(`not ${JSON.stringify(value)}`);
  for (const entry of value) {
    if (typeof entry !== 'string' || !isProxyRange(entry)) throw bad(`"${String(entry)}" is not an address or range`);
  }
  return [...new Set(value as string[])];
}

function isProxyRange(entry: string): boolean {
  if (namedRanges.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
