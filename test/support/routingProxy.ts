import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RoutingProxy = {
  url: string;
  /** Every request carried so far: `METHOD /path → backend URL`. */
  carried: string[];
  close(): Promise<void>;
};

/**
 * A load balancer for tests: a real HTTP proxy on a loopback port that sends each request to the
 * backend `route` picks for it (by method and path), so a test decides which instance serves
 * which step of one client's flow. Bodies and answers are piped as they are; an unreachable
 * backend is a 502, as nginx would answer.
 */
export async function startRoutingProxy(route: (method: string, path: string) => string): Promise<RoutingProxy> {
  const carried: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming, outgoing) => {
    const backend = new URL(route(incoming.method ?? 'GET', incoming.url ?? '/'));
    carried.push(`${incoming.method} ${incoming.url} → ${backend.origin}`);
    const upstream = request(
      { host: backend.hostname, port: backend.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: backend.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: { code: 'ERR_BAD_GATEWAY', message: 'backend unreachable' } }));
    });
    incoming.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    carried,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
