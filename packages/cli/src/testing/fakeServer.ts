import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import type { Session, TotpKey, WhoAmI } from '@gcis/core/api';
import type { StoredSession } from '../session/tokenStore.js';

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: unknown };
export type Reply = { status: number; body?: unknown };
export type Route = Reply | ((request: RecordedRequest) => Reply);

/**
 * A tiny stand-in for gcis-server answering the documented shapes, keyed `'POST /v1/login/totp'`.
 * An array of replies is served in order, its last one repeating. Unknown routes answer 404.
 */
export async function startFakeServer(routes: Record<string, Route | Route[]>) {
  const requests: RecordedRequest[] = [];
  const served: Record<string, number> = {};
  const server = createServer((incoming, outgoing) => {
    let text = '';
    incoming.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(request);
      const key = `${request.method} ${request.path}`;
      const route = routes[key];
      const candidates = Array.isArray(route) ? route : route ? [route] : [errorReply(404, 'ERR_NOT_FOUND')];
      const index = Math.min(served[key] ?? 0, candidates.length - 1);
      served[key] = index + 1;
      const candidate = candidates[index]!;
      const reply = typeof candidate === 'function' ? candidate(request) : candidate;
      outgoing.writeHead(reply.status, { 'content-type': 'application/json' });
      outgoing.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.keepAliveTimeout = 100; // let the test end without waiting on the client's idle sockets
  return { url: `http://127.0.0.1:${port}`, requests };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function errorReply(status: number, code: string): Reply {
  return { status, body: { error: { code, message: `fake server says ${code}` } } };
}

export const token = (n = 1) => `gcis_${String(n).repeat(43).slice(0, 43)}`;

export function session(overrides: Partial<Session> = {}): Session {
  return {
    token: token(),
    account: 'alice',
    method: 'totp',
    issuedAt: '2026-11-27T02:00:10.000Z',
    expiresAt: '2026-11-27T14:00:10.000Z',
    idleTimeoutSeconds: 1800,
    ...overrides,
  };
}

/** `session(overrides)` as the token store keeps it: with the idle end a fresh login has. */
export function storedSession(overrides: Partial<Session> = {}): StoredSession {
  const fresh = session(overrides);
  const idleExpiresAt = new Date(Date.parse(fresh.issuedAt) + fresh.idleTimeoutSeconds * 1000).toISOString();
  return { ...fresh, idleExpiresAt };
}

export function whoAmI(overrides: Partial<WhoAmI> = {}): WhoAmI {
  const { token: _token, idleTimeoutSeconds: _idle, ...rest } = session();
  return { ...rest, name: 'Alice Chen', idleExpiresAt: '2026-11-27T02:30:10.000Z', ...overrides };
}

export function totpKey(overrides: Partial<TotpKey> = {}): TotpKey {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  return {
    version: 1,
    status: 'active',
    uri: `otpauth://totp/GCIS:alice%20(v1)?secret=${secret}&issuer=GCIS&digits=6&period=30`,
    secret,
    ...overrides,
  };
}
