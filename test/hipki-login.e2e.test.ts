import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHipkiStandIn, type HipkiStandIn } from '@gcis/core/smartcard/testing';
import { buildTestPki, type TestPki } from '@gcis/core/x509/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';

// Certificate login through the HiPKI local server: real gcis processes signing through the
// stand-in, a real gcis-server verifying each form the component can give (PKCS1 over the text,
// the component's PKCS7, with the content as text or base64).
const pin = '24681357';
const allowedOrigin = 'https://portal.example';
let pki: TestPki;
let server: RunningServer;
let hipki: HipkiStandIn;

beforeAll(async () => {
  pki = buildTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'gcis-hipki-'));
  const file = (name: string, pem: string) => (writeFileSync(join(dir, name), pem), join(dir, name));
  const [root, intermediate, leaf] = [file('root.pem', pki.root.pem), file('ca.pem', pki.intermediate.pem), file('leaf.pem', pki.leaf.pem)];
  server = await startGcisServer({ captchaPolicy: 'off', revocation: 'skip' }, {}, {
    beforeStart: async (admin) => {
      await expectOk(admin(['trust', 'add', root]));
      await expectOk(admin(['trust', 'add', intermediate]));
      await expectOk(admin(['account', 'bind-cert', 'alice', leaf]));
    },
  });
  hipki = await startHipkiStandIn({ certificateDer: pki.leaf.der, privateKey: pki.leaf.privateKey, pin, cardSerial: 'TP03123456789012', allowedOrigins: [allowedOrigin] });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await hipki?.close();
});

const user = (env: Record<string, string> = {}) =>
  cliUser(server.url, { GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: pin, GCIS_HIPKI_ORIGIN: allowedOrigin, ...env });

describe('gcis login --method cert --signer hipki against gcis-server', () => {
  it.each([
    ['PKCS1, the content as text (the default)', [], 'PKCS1', 'NONE'],
    ['PKCS1, base64', ['--hipki-tbs-encoding', 'base64'], 'PKCS1', 'base64'],
    ['PKCS7, the content as text', ['--hipki-signature', 'pkcs7'], 'PKCS7', 'NONE'],
    ['PKCS7, base64', ['--hipki-signature', 'pkcs7', '--hipki-tbs-encoding', 'base64'], 'PKCS7', 'base64'],
  ])('logs in with %s; the stand-in got what was asked for', async (_, flags, signatureType, tbsEncoding) => {
    const login = await user().run(['login', '--method', 'cert', '--signer', 'hipki', ...flags]);
    expect(login.exitCode, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/as alice \(certificate\)/);
    expect(hipki.requests.at(-1)).toMatchObject({ path: '/sign', origin: allowedOrigin, tbsPackage: { signatureType, tbsEncoding } });
  });

  it('is refused by the component for another page origin (ERR_HIPKI_ORIGIN, exit 1), and no PIN leaves', async () => {
    const signs = hipki.requests.filter((request) => request.path === '/sign').length;
    const login = await user({ GCIS_HIPKI_ORIGIN: 'https://evil.example' }).run(['login', '--method', 'cert', '--signer', 'hipki']);
    expect([login.exitCode, errorCode(login)]).toEqual([1, 'ERR_HIPKI_ORIGIN']);
    expect(hipki.requests.filter((request) => request.path === '/sign')).toHaveLength(signs);
  });
});
