import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchTransport } from './pushRuntime.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A stand-in TW FidO service answering every call with the same JSON, and a real proxy in front. */
async function serviceAndProxy() {
  const service = await listen(createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"error_code":"0"}')));
  const carried: string[] = [];
  const proxy = createProxy(createServer());
  proxy.on('request', (request: IncomingMessage) => carried.push(`${request.method} ${request.url}`));
  return { service, proxy: await listen(proxy), carried };
}

describe('the TW FidO transport behind a proxy', () => {
  it('posts through HTTP_PROXY', async () => {
    const { service, proxy, carried } = await serviceAndProxy();
    const send = createFetchTransport({ env: { HTTP_PROXY: proxy } });
    expect(await send(`${service}/moise/sp/getSpTicket`, { a: 1 })).toEqual({ error_code: '0' });
    expect(carried).toEqual([`POST ${service}/moise/sp/getSpTicket`]);
  });

  it('goes direct to a host NO_PROXY lists', async () => {
    const { service, proxy, carried } = await serviceAndProxy();
    const send = createFetchTransport({ env: { HTTP_PROXY: proxy, NO_PROXY: '127.0.0.1' } });
    expect(await send(`${service}/moise/sp/getSpTicket`, {})).toEqual({ error_code: '0' });
    expect(carried).toEqual([]);
  });

  it('fails with ERR_PUSH_SERVICE carrying ECONNREFUSED when the proxy is dead', async () => {
    const { service } = await serviceAndProxy();
    const dead = createServer();
    const deadUrl = await listen(dead);
    servers.splice(servers.indexOf(dead), 1);
    await new Promise((resolve) => dead.close(resolve));
    const send = createFetchTransport({ env: { HTTP_PROXY: deadUrl } });
    const error = await send(`${service}/moise/sp/getSpTicket`, {}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_PUSH_SERVICE' });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
