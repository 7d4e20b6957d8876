import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './listenOnLoopback.js';

/**
 * What the proxy does instead of forwarding: what a load balancer, a WAF or a restarting service
 * in front of TW FidO may answer. `hang` keeps the connection open without a word (the client's
 * timeout ends it); `reset` drops the connection.
 */
export type Fault = 'http-502' | 'html-200' | 'html-503' | 'json-without-error-code' | 'hang' | 'reset';

export type FaultyProxy = {
  url: string;
  /** Queues faults for requests whose path ends with `op` (e.g. getAthOrSignResult), taken one per request. */
  inject(op: string, faults: readonly Fault[]): void;
  /** Each request's last path segment and the fault it got (undefined: forwarded). */
  seen: Array<{ op: string; fault: Fault | undefined }>;
  close(): Promise<void>;
};

const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/**
 * A real HTTP proxy on a loopback port in front of `target` (the emulator), for tests of how a
 * relying party copes with what is between it and the service. Forwards POST bodies as they are.
 */
export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const queues = new Map<string, Fault[]>();
  const seen: FaultyProxy['seen'] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://proxy').pathname;
    const op = path.split('/').pop() ?? '';
    const fault = queues.get(op)?.shift();
    seen.push({ op, fault });
    switch (fault) {
      case 'http-502':
        return void response.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway');
      case 'html-200':
        return void response.writeHead(200, { 'content-type': 'text/html' }).end(html);
      case 'html-503':
        return void response.writeHead(503, { 'content-type': 'text/html' }).end(html.replaceAll('502 Bad Gateway', '503 Service Unavailable'));
      case 'json-without-error-code':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"upstream busy"}');
      case 'hang':
        return; // the client gives up
      case 'reset':
        return void request.socket.destroy();
      default: {
        const forwarded = await fetch(new URL(request.url ?? '/', target), {
          method: request.method,
          headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
          ...(request.method === 'POST' && { body: Buffer.concat(chunks) }),
        });
        const body = Buffer.from(await forwarded.arrayBuffer());
        response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(body);
      }
    }
  };

  const server = createServer((request, response) => void handle(request, response).catch(() => response.destroy()));
  const { url, close } = await listenOnLoopback(server);
  return { url, inject: (op, faults) => queues.set(op, [...(queues.get(op) ?? []), ...faults]), seen, close };
}
