import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxy } from 'proxy';
import { afterEach, describe, expect, it } from 'vitest';
import { GcisError } from '../errors.js';
import { createClient } from './createClient.js';
import { proxyFromEnv } from './proxyFromEnv.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen<T extends Server>(server: T): Promise<{ server: T; url: string; port: number }> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, port };
}

const answering = (status: number, body: unknown) => (_request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const { server, port } = await listen(createServer());
  servers.splice(servers.indexOf(server), 1);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failureOf(pending: Promise<unknown>): Promise<GcisError> {
  const error = await pending.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(GcisError);
  return error as GcisError;
}

/** An https server with a fresh self-signed certificate, made by the real openssl. */
function selfSignedServer() {
  const dir = mkdtempSync(join(tmpdir(), 'gcis-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, answering(200, {}));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const causeCode = (error: GcisError) => (error.cause as { code?: string } | undefined)?.code;

describe('createClient says why a request got no answer', () => {
  it('carries ECONNREFUSED from a port nothing listens on', async () => {
    const port = await deadPort();
    const error = await failureOf(createClient({ server: `http://127.0.0.1:${port}` }).captcha());
    expect(error.code).toBe('ERR_NETWORK');
    expect(causeCode(error)).toBe('ECONNREFUSED');
    expect(error.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(error.message).not.toContain('/v1/');
  });

  it('carries the DNS failure of a name that cannot exist (RFC 2606 .invalid)', async () => {
    const error = await failureOf(createClient({ server: 'http://gcis.invalid' }).health());
    expect(error.code).toBe('ERR_NETWORK');
    expect(causeCode(error)).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(error.message).toContain(causeCode(error));
  });

  it('carries the TLS reason when the server’s certificate is self-signed', async () => {
    const { port } = await listen(selfSignedServer());
    const error = await failureOf(createClient({ server: `https://127.0.0.1:${port}` }).health());
    expect(error.code).toBe('ERR_NETWORK');
    expect(causeCode(error)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('names what it was doing, not the route, when the server does not know the route', async () => {
    const { url } = await listen(createServer(answering(404, { error: { code: 'ERR_NOT_FOUND', message: 'No route POST /v1/captcha.' } })));
    const error = await failureOf(createClient({ server: url }).captcha());
    expect(error.code).toBe('ERR_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/captcha/);
    expect(error.message).not.toContain('/v1/');
  });

  it('calls an answer without a gcis error ERR_BAD_RESPONSE, without naming the route', async () => {
    const { url } = await listen(createServer(answering(502, { oops: true })));
    const error = await failureOf(createClient({ server: url }).whoami());
    expect(error).toMatchObject({ code: 'ERR_BAD_RESPONSE', status: 502 });
    expect(error.message).not.toContain('/v1/');
  });

  it('keeps the server’s own code and status for a refusal', async () => {
    const { url } = await listen(createServer(answering(401, { error: { code: 'ERR_LOGIN_FAILED', message: 'Wrong account, password or code.' } })));
    const error = await failureOf(createClient({ server: url }).loginTotp({ account: 'a', password: 'p', code: '123456' }));
    expect(error).toMatchObject({ code: 'ERR_LOGIN_FAILED', status: 401 });
  });
});

describe('proxyFromEnv', () => {
  async function proxyAndTarget() {
    const carried: string[] = [];
    const proxy = createProxy(createServer());
    proxy.on('request', (request: IncomingMessage) => carried.push(`${request.method} ${request.url}`));
    const { url: proxyUrl } = await listen(proxy);
    const { url } = await listen(createServer(answering(200, { status: 'ok' })));
    return { carried, proxyUrl, url };
  }

  it('forwards plain-http requests through HTTP_PROXY', async () => {
    const { carried, proxyUrl, url } = await proxyAndTarget();
    await createClient({ server: url, dispatcher: proxyFromEnv({ HTTP_PROXY: proxyUrl }) }).health();
    expect(carried).toEqual([`GET ${url}/healthz`]);
  });

  it('prefers http_proxy to HTTP_PROXY, as curl does', async () => {
    const { carried, proxyUrl, url } = await proxyAndTarget();
    const dead = `http://127.0.0.1:${await deadPort()}`;
    await createClient({ server: url, dispatcher: proxyFromEnv({ http_proxy: proxyUrl, HTTP_PROXY: dead }) }).health();
    expect(carried).toHaveLength(1);
    const error = await failureOf(createClient({ server: url, dispatcher: proxyFromEnv({ http_proxy: dead, HTTP_PROXY: proxyUrl }) }).health());
    expect(causeCode(error)).toBe('ECONNREFUSED');
  });

  it('goes direct to the hosts NO_PROXY lists, and only to those', async () => {
    const { carried, proxyUrl, url } = await proxyAndTarget();
    await createClient({ server: url, dispatcher: proxyFromEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: 'example.com,127.0.0.1' }) }).health();
    expect(carried).toEqual([]);
    await createClient({ server: url, dispatcher: proxyFromEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.2,example.com' }) }).health();
    expect(carried).toHaveLength(1);
  });

  it('says ECONNREFUSED with the proxy’s address when the proxy is dead', async () => {
    const { url } = await proxyAndTarget();
    const port = await deadPort();
    const error = await failureOf(createClient({ server: url, dispatcher: proxyFromEnv({ HTTP_PROXY: `http://127.0.0.1:${port}` }) }).health());
    expect(error.code).toBe('ERR_NETWORK');
    expect(causeCode(error)).toBe('ECONNREFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('tunnels https through HTTPS_PROXY with CONNECT, and still says why TLS failed', async () => {
    const tunnels: string[] = [];
    const proxy = createProxy(createServer());
    proxy.on('connect', (request: IncomingMessage) => tunnels.push(request.url ?? ''));
    const { url: proxyUrl } = await listen(proxy);
    const { port } = await listen(selfSignedServer());
    const client = createClient({ server: `https://127.0.0.1:${port}`, dispatcher: proxyFromEnv({ HTTPS_PROXY: proxyUrl }) });
    const error = await failureOf(client.health());
    expect(tunnels).toEqual([`127.0.0.1:${port}`]);
    expect(causeCode(error)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('connects directly when no variable is set, even with other variables around', async () => {
    const { carried, url } = await proxyAndTarget();
    await createClient({ server: url, dispatcher: proxyFromEnv({ PATH: '/usr/bin', http_proxy: '' }) }).health();
    expect(carried).toEqual([]);
  });
});
