import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { cryptoRandom } from '@gcis/core';
import { buildTestPki, deltaCrlIndicator, issueCertificate, issueCrl, issuingDistributionPoint, toPem } from '@gcis/core/x509/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDataDir, openDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { accountBindCert } from './bindCert.js';
import { crlAdd, crlList } from './crl.js';
import { trustAdd, trustInstallProduction, trustList } from './trust.js';

const pki = buildTestPki();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => Object.assign(new PassThrough(), { write: (text: string) => (into.push(text), true) });
  const io = { stdin: new PassThrough(), stdout: sink(out), stderr: sink(err), env: {} } as unknown as ServerIo;
  return { io, out: () => out.join(''), err: () => err.join('') };
}

function dataFolder() {
  const root = mkdtempSync(join(tmpdir(), 'gcis-trust-'));
  const data = join(root, 'data');
  initDataDir(data, cryptoRandom);
  const file = (name: string, bytes: Uint8Array | string) => {
    const path = join(root, name);
    writeFileSync(path, bytes);
    return path;
  };
  return { root, data, file };
}

describe('gcis-server trust', () => {
  it('adds a self-signed CA as an anchor and another CA as an intermediate, from DER or PEM, once', async () => {
    const { data, file } = dataFolder();
    const { io, err, out } = capture();
    await trustAdd(file('root.der', pki.root.der), { data }, io);
    await trustAdd(file('intermediate.pem', pki.intermediate.pem), { data }, io);
    await trustAdd(file('root-again.pem', pki.root.pem), { data }, io);
    expect(err()).toMatch(/^Added anchor "CN=GCIS Test Root CA,O=GCIS Test,C=TW".*\nAdded intermediate .*\nAlready trusted: anchor/);
    trustList({ data, json: true }, io);
    expect(JSON.parse(out())).toEqual([
      expect.objectContaining({ role: 'anchor', subject: 'CN=GCIS Test Root CA,O=GCIS Test,C=TW' }),
      expect.objectContaining({ role: 'intermediate', issuer: 'CN=GCIS Test Root CA,O=GCIS Test,C=TW' }),
    ]);
  });

  it('refuses a file that is not a CA certificate', async () => {
    const { data, file } = dataFolder();
    const { io } = capture();
    await expect(trustAdd(file('leaf.der', pki.leaf.der), { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    await expect(trustAdd(file('junk.der', 'hello'), { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    await expect(trustAdd(file('bad.der', new Uint8Array([0x30, 0x03, 1, 2, 3])), { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    await expect(trustAdd(join(data, 'missing.der'), { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });

  describe('install-production', () => {
    const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
    const pinned = [
      { name: 'Test root', url: 'https://ca.test/root.cer', sha256: sha256(pki.root.der) },
      { name: 'Test CA', url: 'https://ca.test/ca.cer', sha256: sha256(pki.intermediate.der) },
    ];

    it('installs from a folder only the files whose SHA-256 is pinned', async () => {
      const { root, data } = dataFolder();
      const from = join(root, 'from');
      mkdirSync(from);
      writeFileSync(join(from, 'a.cer'), pki.root.der);
      writeFileSync(join(from, 'b.cer'), pki.intermediate.pem); // PEM is hashed as its DER
      writeFileSync(join(from, 'README.md'), '# not a certificate');
      writeFileSync(join(from, 'other.der'), buildTestPki().root.der);
      const { io, err, out } = capture();
      await trustInstallProduction({ data, from }, io, { pinned });
      expect(err()).toMatch(/Installed Test root: anchor .*\nInstalled Test CA: intermediate/);
      trustList({ data, json: true }, io);
      expect(JSON.parse(out()).map((e: { sha256: string }) => e.sha256).sort()).toEqual(pinned.map((p) => p.sha256).sort());
    });

    it('downloads from the pinned URLs and installs nothing when a file does not match', async () => {
      const { data } = dataFolder();
      const { io, out } = capture();
      const wrong = buildTestPki().intermediate.der;
      const fetched: string[] = [];
      const fetch = async (url: string) => (fetched.push(url), url.endsWith('root.cer') ? pki.root.der : wrong);
      await expect(trustInstallProduction({ data }, io, { pinned, fetch })).rejects.toMatchObject({
        code: 'ERR_CERT_UNTRUSTED',
        message: expect.stringContaining('Test CA'),
      });
      expect(fetched.sort()).toEqual(pinned.map((p) => p.url).sort());
      trustList({ data, json: true }, io);
      expect(JSON.parse(out())).toEqual([]);
    });
  });
});

describe('gcis-server crl', () => {
  let server: ReturnType<typeof createServer>;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/moved.crl') return response.writeHead(302, { location: '/ca.crl' }).end();
      if (request.url === '/ca.crl') return response.writeHead(200).end(Buffer.from(pki.intermediateCrl));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function trusting() {
    const folder = dataFolder();
    const { io } = capture();
    await trustAdd(folder.file('root.der', pki.root.der), { data: folder.data }, io);
    await trustAdd(folder.file('ca.der', pki.intermediate.der), { data: folder.data }, io);
    return folder;
  }

  it('adds a CRL file under the CA that signed it, and lists it', async () => {
    const { data, file } = await trusting();
    const { io, err, out } = capture();
    await crlAdd(file('root.crl', pki.rootCrl), { data }, io);
    expect(err()).toMatch(/^Added the CRL of "CN=GCIS Test Root CA,O=GCIS Test,C=TW" \(0 entries/);
    crlList({ data, json: true }, io);
    expect(JSON.parse(out())).toEqual([expect.objectContaining({ issuer: 'CN=GCIS Test Root CA,O=GCIS Test,C=TW', url: null })]);
  });

  it('downloads a URL CRL with undici (following a redirect) and records the URL for refreshes', async () => {
    const { data } = await trusting();
    const { io, out } = capture();
    await crlAdd(`${base}/moved.crl`, { data }, io);
    crlList({ data, json: true }, io);
    expect(JSON.parse(out())).toEqual([expect.objectContaining({ issuer: 'OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW', url: `${base}/moved.crl` })]);
    const sources = JSON.parse(readFileSync(join(data, 'crl', 'sources.json'), 'utf8'));
    expect(sources.sources).toEqual([{ url: `${base}/moved.crl`, file: expect.stringMatching(/^[0-9a-f]{16}\.crl$/) }]);
    await expect(crlAdd(`${base}/missing.crl`, { data }, io)).rejects.toMatchObject({ code: 'ERR_NETWORK' });
  });

  it('refuses a CRL no trusted CA signed', async () => {
    const { data, file } = dataFolder();
    const { io } = capture();
    await expect(crlAdd(file('ca.crl', pki.intermediateCrl), { data }, io)).rejects.toMatchObject({ code: 'ERR_CRL_INVALID' });
    expect(existsSync(join(data, 'crl'))).toBe(false);
  });

  it('refuses a delta or scoped CRL, which would replace the complete one the server keeps per CA', async () => {
    const { data, file } = dataFolder();
    const { io } = capture();
    await trustAdd(file('root.der', pki.root.der), { data }, io);
    await trustAdd(file('ca.der', pki.intermediate.der), { data }, io);
    await crlAdd(file('ca.crl', pki.intermediateCrl), { data }, io);
    const stored = readdirSync(join(data, 'crl')).filter((name) => name.endsWith('.crl'));
    const before = readFileSync(join(data, 'crl', stored[0]!));
    const issue = (extraExtensions: Parameters<typeof issueCrl>[0]['extraExtensions']) =>
      issueCrl({ issuer: pki.intermediate, thisUpdate: pki.now, nextUpdate: new Date(pki.now.getTime() + 86_400_000), crlNumber: 2, extraExtensions });
    for (const [name, der] of [['delta.crl', issue([deltaCrlIndicator(1)])], ['scoped.crl', issue([issuingDistributionPoint({ onlyContainsUserCerts: true })])]] as const) {
      await expect(crlAdd(file(name, der), { data }, io)).rejects.toMatchObject({ code: 'ERR_CRL_INVALID' });
    }
    expect(readFileSync(join(data, 'crl', stored[0]!))).toEqual(before);
  });
});

describe('gcis-server account bind-cert', () => {
  async function withAlice() {
    const folder = dataFolder();
    const { io } = capture();
    await trustAdd(folder.file('root.der', pki.root.der), { data: folder.data }, io);
    await trustAdd(folder.file('ca.der', pki.intermediate.der), { data: folder.data }, io);
    const { store } = await openDataDir(folder.data, {});
    for (const account of ['alice', 'bob']) {
      await store.accounts.insert({ account, name: account, email: `${account}@example.com`, nationalIdHmac: null, nationalIdMasked: null, passwordHash: 'x', createdAt: '' });
    }
    await store.close();
    return folder;
  }

  it('binds a trusted citizen certificate to an account, and not to a second one', async () => {
    const { data, file } = await withAlice();
    const { io, out } = capture();
    const pem = file('card.pem', pki.leaf.pem);
    await accountBindCert('alice', pem, { data, json: true }, io);
    expect(JSON.parse(out())).toMatchObject({ account: 'alice', name: '王小明', serialNumber: pki.leaf.serialHex });
    await expect(accountBindCert('bob', pem, { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_CERT_BOUND' }));
    await expect(accountBindCert('carol', pem, { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_NO_ACCOUNT' }));
  });

  it('refuses a certificate that does not chain to the trust, or is not a citizen certificate', async () => {
    const { data, file } = await withAlice();
    const { io } = capture();
    // Same CA names, another key (its AKI says so): an issuer that is not in the trust, not a forgery.
    const stranger = buildTestPki().leaf.der;
    await expect(accountBindCert('alice', file('stranger.der', stranger), { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_CERT_UNTRUSTED' }));
    const now = new Date();
    const { der } = issueCertificate({
      subject: [['CN', 'web server']],
      publicKey: pki.leaf.publicKey,
      issuer: pki.intermediate,
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + 86_400_000),
      keyUsage: ['digitalSignature'],
    });
    await expect(accountBindCert('alice', file('server.pem', toPem('CERTIFICATE', der)), { data }, io)).rejects.toThrow(expect.objectContaining({ code: 'ERR_CERT_PROFILE' }));
  });
});
