import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestPki } from '@gcis/core/x509/testing';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { serverBin } from './support/paths.js';
import { startProxy, type RunningProxy } from './support/proxyServer.js';

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('gcis through an HTTP proxy (HTTP_PROXY / HTTPS_PROXY / NO_PROXY)', () => {
  let server: RunningServer;
  let proxy: RunningProxy;
  let deadProxy: string;
  beforeAll(async () => {
    [server, proxy] = await Promise.all([startGcisServer({ captchaPolicy: 'off' }), startProxy()]);
    deadProxy = `http://127.0.0.1:${await deadPort()}`;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), proxy?.stop()]);
  });
  const through = (path: string) => proxy.carried().filter((line) => line.startsWith('GET ') || line.startsWith('POST ')).filter((line) => line.endsWith(path));

  it('logs in and asks for the status through the proxy', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret, HTTP_PROXY: proxy.url });
    await expectOk(user.run(['login', '--method', 'totp']));
    expect(through('/v1/login/totp')).toEqual([`POST ${server.url}/v1/login/totp`]);
    expect(JSON.parse((await expectOk(user.run(['status', '--json']))).stdout)).toMatchObject({ account: 'alice' });
    expect(through('/v1/session')).toEqual([`GET ${server.url}/v1/session`]);
  });

  it('fails with ERR_NETWORK naming ECONNREFUSED and the proxy’s address when the proxy is dead, the cause chain with GCIS_DEBUG=1', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret, http_proxy: deadProxy });
    const result = await user.run(['login', '--method', 'totp']);
    expect(result.exitCode).toBe(1);
    expect(errorCode(result)).toBe('ERR_NETWORK');
    expect(result.stderr).toContain(`ECONNREFUSED ${deadProxy.replace('http://', '')}`);
    const debug = await user.run(['login', '--method', 'totp'], { env: { GCIS_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/\[cause\]/);
    expect(debug.stderr).toMatch(/code: 'ECONNREFUSED'/);
  });

  it('goes around a dead proxy to the hosts NO_PROXY lists', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret });
    const env = { HTTP_PROXY: deadProxy, HTTPS_PROXY: deadProxy, NO_PROXY: 'localhost,127.0.0.1' };
    await expectOk(user.run(['login', '--method', 'totp'], { env }));
    await expectOk(user.run(['status'], { env: { HTTP_PROXY: deadProxy, no_proxy: '127.0.0.1' } }));
  }, 90_000); // the first test's code may still be current: gcis then waits up to 30 s for the next one

  it('says ECONNREFUSED when nothing listens at the server address, without a proxy', async () => {
    const user = cliUser(`http://127.0.0.1:${await deadPort()}`, { GCIS_TOKEN: `gcis_${'a'.repeat(43)}` });
    const result = await user.run(['status']);
    expect(errorCode(result)).toBe('ERR_NETWORK');
    expect(result.stderr).toContain('ECONNREFUSED');
  });
});

describe('gcis-server downloads CRLs through the proxy', () => {
  let proxy: RunningProxy;
  let files: Server;
  let base: string;
  const pki = buildTestPki();
  beforeAll(async () => {
    proxy = await startProxy();
    files = createServer((request, response) => {
      if (request.url === '/root.crl') return void response.writeHead(200).end(Buffer.from(pki.rootCrl));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await proxy?.stop();
    await new Promise((resolve) => files?.close(resolve));
  });

  async function dataFolderTrustingRoot(env: Record<string, string>) {
    const folder = mkdtempSync(join(tmpdir(), 'gcis-proxy-crl-'));
    const data = join(folder, 'data');
    const admin = (args: string[], more: Record<string, string> = {}) =>
      execa('node', [serverBin, ...args, '--data', data], { env: { ...env, ...more }, extendEnv: false, reject: false });
    writeFileSync(join(folder, 'root.der'), pki.root.der);
    expect((await admin(['init'])).exitCode).toBe(0);
    expect((await admin(['trust', 'add', join(folder, 'root.der')])).exitCode).toBe(0);
    return admin;
  }

  it('fetches `crl add URL` through HTTP_PROXY', async () => {
    const admin = await dataFolderTrustingRoot({ PATH: process.env.PATH ?? '', HTTP_PROXY: proxy.url });
    const added = await admin(['crl', 'add', `${base}/root.crl`]);
    expect(added.exitCode).toBe(0);
    expect(proxy.carried()).toContain(`GET ${base}/root.crl`);
  });

  it('fails with ERR_NETWORK and ECONNREFUSED when the proxy is dead', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const admin = await dataFolderTrustingRoot({ PATH: process.env.PATH ?? '', HTTP_PROXY: dead });
    const added = await admin(['crl', 'add', `${base}/root.crl`]);
    expect(added.exitCode).not.toBe(0);
    expect(String(added.stderr)).toMatch(/ECONNREFUSED.*\(ERR_NETWORK\)/);
    const debug = await admin(['crl', 'add', `${base}/root.crl`], { GCIS_DEBUG: '1' });
    expect(String(debug.stderr)).toMatch(/\[cause\]/);
    expect(String(debug.stderr)).toMatch(/code: 'ECONNREFUSED'/);
  });
});
