import type { IncomingMessage } from 'node:http';

/** The page origins allowed by default: the business portal and MOICA (its test pages). */
export const defaultAllowedOrigins = ['https://gcis.nat.gov.tw', 'https://moica.nat.gov.tw'] as const;

/** Who is asking, as far as the browser vouches for it. */
export type Caller =
  | { kind: 'local' }
  | { kind: 'page'; origin: string; viaPopup: boolean }
  | { kind: 'forbidden'; origin: string; why: 'host' | 'origin' };

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Decides who a request comes from. The Host must be a loopback name (a DNS-rebinding page
 * reaches us under its own name, and is refused). No Origin header: a local program, not a
 * browser page — it could talk to the card itself. Our own origin: the /popupForm page, which
 * names the page that opened it (`openerOrigin`, taken from its message event, which the
 * browser fills in). Any other Origin: a page calling the API directly. Pages must be on the list.
 */
export function identifyCaller(request: IncomingMessage, port: number, allowed: ReadonlySet<string>, openerOrigin: string | undefined): Caller {
  if (!isLoopbackHost(request.headers.host, port)) return { kind: 'forbidden', origin: request.headers.host ?? '(none)', why: 'host' };
  const origin = request.headers.origin;
  if (origin === undefined) return { kind: 'local' };
  const own = [...loopbackHosts].map((name) => `http://${name}:${port}`);
  if (own.includes(origin)) {
    if (!openerOrigin || !allowed.has(openerOrigin)) return { kind: 'forbidden', origin: openerOrigin ?? '(none)', why: 'origin' };
    return { kind: 'page', origin: openerOrigin, viaPopup: true };
  }
  return allowed.has(origin) ? { kind: 'page', origin, viaPopup: false } : { kind: 'forbidden', origin, why: 'origin' };
}

/** Whether the Host header names this server by a loopback name and its port. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  const [, name, hostPort] = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host ?? '') ?? [];
  return name !== undefined && loopbackHosts.has(name.toLowerCase()) && Number(hostPort ?? 80) === port;
}
