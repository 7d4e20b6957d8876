import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate } from '@gcis/core/x509';
import { buildLargeCrl, buildTestPki, issueCrl } from '@gcis/core/x509/testing';
import { describe, expect, it } from 'vitest';
import { bindTestCertificate, fetchChallenge, installTestPki, signChallenge } from '../testing/certificateLogin.js';
import { createTestServer, type TestServer } from '../testing/testServer.js';
import { openCertificateTrust } from './certificateTrust.js';
import { crlFileName, saveCrlSource } from './crlFolder.js';
import type { FetchBytes } from './fetchBytes.js';

const at = new Date('2026-11-27T02:00:10Z');
const hour = 3_600_000;
const pki = buildTestPki({ now: at });
const url = 'https://crl.test/intermediate.crl';
const crlFile = crlFileName(parseCertificate(pki.intermediate.der));

/** A test server whose intermediate CRL comes from `url`, fetched through `fetch`; logs collected. */
async function serverWithCrlSource(fetch: FetchBytes) {
  const server = await createTestServer({ rateLimit: { max: 100_000, windowSeconds: 60 } });
  await installTestPki(server, pki);
  await bindTestCertificate(server, pki.leaf.der);
  await saveCrlSource(server.data.paths.crl, { url, file: crlFile });
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`) };
  server.context.certificates = openCertificateTrust(server.data.paths, { clock: server.clock, fetch, log });
  return { server, logs, trust: server.context.certificates };
}

async function loginCode(server: TestServer): Promise<string | undefined> {
  const payload = await signChallenge(server, await fetchChallenge(server), { signWith: pki.leaf });
  const response = await server.app.inject({ method: 'POST', url: '/v1/login/certificate', payload });
  return response.statusCode === 200 ? undefined : response.json().error.code;
}

const crlAt = (now: Date, revoked: string[] = [], issuer = pki.intermediate) =>
  issueCrl({
    issuer,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 7 * 24 * hour),
    revoked: revoked.map((serialHex) => ({ serialHex, revocationDate: now })),
  });

describe('certificate trust refresh', () => {
  it('downloads a URL CRL again once due, and the running server uses it at once', async () => {
    let served = crlAt(at);
    const fetched: string[] = [];
    const { server, trust, logs } = await serverWithCrlSource(async (u) => (fetched.push(u), served));
    await trust.refresh();
    expect(fetched).toEqual([]); // installed at `at`: not due for a day
    expect(await loginCode(server)).toBeUndefined();

    server.advance(25 * 3600);
    served = crlAt(server.clock.now(), [pki.leaf.serialHex]);
    await trust.refresh();
    expect(fetched).toEqual([url]);
    expect(logs.at(-1)).toMatch(/^info: CRL .* refreshed/);
    expect(readFileSync(join(server.data.paths.crl, crlFile))).toEqual(Buffer.from(served));
    expect(await loginCode(server)).toBe('ERR_CERT_REVOKED');
  });

  it('keeps the CRL it has when the download fails, is not newer, or is signed by another CA, and backs off', async () => {
    let answer: () => Uint8Array = () => {
      throw new Error('connection refused');
    };
    let calls = 0;
    const { server, trust, logs } = await serverWithCrlSource(async () => (calls++, answer()));
    const before = readFileSync(join(server.data.paths.crl, crlFile));
    server.advance(25 * 3600);
    await trust.refresh();
    expect(logs.at(-1)).toMatch(/^warn: .*connection refused/);
    await trust.refresh();
    expect(calls).toBe(1); // within the 5-minute back-off

    server.advance(301);
    const other = buildTestPki({ now: server.clock.now() });
    answer = () => crlAt(server.clock.now(), [], other.intermediate);
    await trust.refresh();
    expect(logs.at(-1)).toMatch(/^warn: .*no trusted CA signed this CRL/);

    server.advance(601);
    answer = () => crlAt(new Date(at.getTime() - 2 * hour));
    await trust.refresh();
    expect(logs.at(-1)).toMatch(/^warn: .*no newer CRL/);
    expect(calls).toBe(3);
    expect(readFileSync(join(server.data.paths.crl, crlFile))).toEqual(before);
    expect(await loginCode(server)).toBeUndefined();
  });

  it('picks up CAs and CRLs added to the data folder while running', async () => {
    const server = await createTestServer();
    await installTestPki(server, pki);
    await bindTestCertificate(server, pki.leaf.der);
    const second = buildTestPki({ now: at, identity: { serialNumber: '0000000087654321' } });
    await bindTestCertificate(server, second.leaf.der);
    const payload = await signChallenge(server, await fetchChallenge(server), { signWith: second.leaf });
    const before = await server.app.inject({ method: 'POST', url: '/v1/login/certificate', payload });
    // Same CA names as `pki`, other keys: the leaf's AKI names a CA key the trust does not have.
    expect(before.json().error.code).toBe('ERR_CERT_UNTRUSTED');
    await installTestPki(server, second); // writes the folders, then reload()
    const after = await server.app.inject({
      method: 'POST',
      url: '/v1/login/certificate',
      payload: await signChallenge(server, await fetchChallenge(server), { signWith: second.leaf }),
    });
    expect(after.statusCode).toBe(200);
  });

  it("keeps answering requests while a 400,000-entry CRL is refreshed", async () => {
    const { server, trust } = await serverWithCrlSource(async () => large.der);
    server.advance(25 * 3600);
    const large = buildLargeCrl({
      issuer: pki.intermediate,
      count: 400_000,
      thisUpdate: server.clock.now(),
      nextUpdate: new Date(server.clock.now().getTime() + 7 * 24 * hour),
    });
    await server.app.inject({ method: 'POST', url: '/v1/login/certificate/challenge', payload: {} }); // compiles the route once
    let done = false;
    const refreshing = trust.refresh().then(() => (done = true));
    let answered = 0;
    while (!done) {
      const response = await server.app.inject({ method: 'POST', url: '/v1/login/certificate/challenge', payload: {} });
      expect(response.statusCode).toBe(200);
      answered++;
    }
    await refreshing;
    expect(trust.current().crls.map((c) => c.size)).toContain(400_000);
    // Requests kept being answered while the CRL loaded: loading it in one piece would answer none.
    // (How long the worst one waited is a benchmark figure: bench/crl-load.mjs.)
    expect(answered).toBeGreaterThan(10);
  });
});
