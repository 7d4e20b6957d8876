import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../packages/server/src/testing/listenOnLoopback.js';

export type RoutingProxy = {
  url: string;
  /** Every request carried so far: `METHOD /path → backend URL`, one line per backend tried. */
  carried: string[];
  close(): Promise<void>;
};

/**
 * A load balancer for tests: a real HTTP proxy on a loopback port that sends each request to the
 * backend `route` picks for it (by method and path), so a test decides which instance serves
 * which step of one client's flow. Given several backends, a GET that cannot reach one — refused,
 * or cut before any answer, as when the instance is killed — goes to the next, as nginx's
 * `proxy_next_upstream error` does for idempotent requests. Bodies and answers are piped as they
 * are; when no backend answers, a 502.
 */
export async function startRoutingProxy(route: (method: string, path: string) => string | string[]): Promise<RoutingProxy> {
  const carried: string[] = [];
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, backends: string[]) => {
    const backend = new URL(backends[0]!);
    carried.push(`${incoming.method} ${incoming.url} → ${backend.origin}`);
    const upstream = request(
      { host: backend.hostname, port: backend.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: backend.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (outgoing.headersSent) return void outgoing.destroy();
      if (incoming.method === 'GET' && backends.length > 1) return forward(incoming, outgoing, backends.slice(1));
      outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: { code: 'ERR_BAD_GATEWAY', message: 'backend unreachable' } }));
    });
    if (incoming.method === 'GET') upstream.end();
    else incoming.pipe(upstream);
  };
  const server = createServer((incoming, outgoing) => {
    const backends = route(incoming.method ?? 'GET', incoming.url ?? '/');
    forward(incoming, outgoing, Array.isArray(backends) ? backends : [backends]);
  });
  return { carried, ...(await listenOnLoopback(server)) };
}
