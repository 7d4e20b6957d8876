import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashIdNum } from '@gcis/core/push';
import { installProductionTrust } from '../trust/productionTrust.js';
import { citizenId, createPushTestServer, type PushTestServerOptions } from '../testing/pushTestServer.js';

/** Binds a phone, starts a push login, approves it on the phone and reads the outcome. */
async function loginOnce(options: PushTestServerOptions, prepare?: (server: Awaited<ReturnType<typeof createPushTestServer>>) => Promise<void>) {
  const server = await createPushTestServer(options);
  try {
    await prepare?.(server);
    const phone = await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    await phone.approve();
    return { outcome: (await server.status(transactionId, 5)).json(), server };
  } finally {
    await server.close();
  }
}

const logged = (server: { pushLogs: Array<{ message: string }> }) => server.pushLogs.map((entry) => entry.message).join('\n');

describe('push.checksumIv against the emulator', () => {
  it.each([
    ['random', (iv: string) => expect(iv).not.toBe('0'.repeat(24))],
    ['zero', (iv: string) => expect(iv).toBe('0'.repeat(24))],
  ] as const)('%s: the emulator accepts the checksums and the login goes through', async (checksumIv, expectIv) => {
    const { outcome, server } = await loginOnce({ push: { checksumIv } });
    expect(outcome).toMatchObject({ status: 'approved', session: { account: 'mei' } });
    const sent = server.calls.map((call) => String(call.body.sp_checksum));
    expect(server.calls.map((call) => call.op)).toEqual(expect.arrayContaining(['requestAthOrSignPush', 'getAthOrSignResult']));
    for (const checksum of sent) expectIv(checksum.slice(0, 24));
    if (checksumIv === 'random') expect(new Set(sent.map((checksum) => checksum.slice(0, 24))).size).toBe(sent.length);
  });
});

describe('push.verifyHashedIdNum', () => {
  it('off (default): a hashed_id_num in another form is accepted, and its shape — never the ID or the hash — is logged', async () => {
    const { outcome, server } = await loginOnce({ hashedIdNumForm: 'sha256-base64' });
    expect(outcome).toMatchObject({ status: 'approved' });
    const log = logged(server);
    expect(log).toMatch(/hashed_id_num is not the hex SHA-256 of the ID \(44 chars, base64, matches sha256-base64\)/);
    for (const secret of [citizenId, hashIdNum(citizenId), Buffer.from(hashIdNum(citizenId), 'hex').toString('base64')]) expect(log).not.toContain(secret);
  });

  it('off: an empty hashed_id_num is accepted too (one client treats it as opaque)', async () => {
    const { outcome, server } = await loginOnce({ hashedIdNumForm: 'empty' });
    expect(outcome).toMatchObject({ status: 'approved' });
    expect(logged(server)).toMatch(/0 chars, empty/);
  });

  it('on: the same answer is refused with ERR_PUSH_IDENTITY', async () => {
    for (const hashedIdNumForm of ['sha256-base64', 'empty'] as const) {
      const { outcome } = await loginOnce({ hashedIdNumForm, push: { verifyHashedIdNum: true } });
      expect(outcome).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_IDENTITY' } });
    }
  });

  it('on: a hex SHA-256 of the ID is accepted and nothing is logged about it', async () => {
    const { outcome, server } = await loginOnce({ push: { verifyHashedIdNum: true } });
    expect(outcome).toMatchObject({ status: 'approved' });
    expect(logged(server)).not.toMatch(/hashed_id_num/);
  });
});

describe('push.requireCardProfile with the emulator issuing phone certificates without the card profile', () => {
  it('off (default): the holder is the ID this server pushed to', async () => {
    const { outcome, server } = await loginOnce({ phoneCertificateProfile: 'bare' });
    expect(outcome).toMatchObject({ status: 'approved', session: { account: 'mei' } });
    expect(logged(server)).toMatch(/carries no card profile/);
  });

  it('on: refused with ERR_PUSH_IDENTITY', async () => {
    const { outcome } = await loginOnce({ phoneCertificateProfile: 'bare', push: { requireCardProfile: true } });
    expect(outcome).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_IDENTITY' } });
  });

  it('on: a certificate in the card profile is accepted', async () => {
    const { outcome } = await loginOnce({ phoneCertificateProfile: 'card', push: { requireCardProfile: true } });
    expect(outcome).toMatchObject({ status: 'approved' });
  });

  it('off: a bare certificate from an untrusted CA is still refused', async () => {
    const { outcome } = await loginOnce({ phoneCertificateProfile: 'bare' }, async (server) => {
      const { buildTestPki } = await import('@gcis/core/x509/testing');
      const stranger = buildTestPki({ now: server.clock.now(), keyType: 'ec' }).root.der;
      const runtime = server.context.push;
      runtime.useEmulator({ baseUrl: () => 'http://fido-emulator.test', caCertificate: stranger, key: new Uint8Array(32).fill(0x5a) });
    });
    expect(outcome).toMatchObject({ status: 'denied', reason: { code: 'ERR_CERT_UNTRUSTED' } });
  });
});

describe('push.productionTrust: phone certificates under the CAs `trust install-production` pinned', () => {
  const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

  /**
   * The test PKI stands in for GRCA (root) → MOICA (intermediate): the emulator issues phone
   * certificates from the "MOICA" key, and only the pinned pair is installed. The emulator's own
   * CA is not trusted: useEmulator is given an unrelated one.
   */
  async function asProduction(server: Awaited<ReturnType<typeof createPushTestServer>>, { pin }: { pin: boolean }) {
    const { pki } = server;
    server.emulator.state.ca = { name: pki.intermediate.name, certificate: pki.intermediate.der, privateKey: pki.intermediate.privateKey, publicKey: pki.intermediate.publicKey };
    const { buildTestPki } = await import('@gcis/core/x509/testing');
    server.context.push.useEmulator({ baseUrl: () => 'http://fido-emulator.test', caCertificate: buildTestPki({ keyType: 'ec' }).root.der, key: new Uint8Array(32).fill(0x5a) });
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const from = mkdtempSync(join(tmpdir(), 'gcis-production-'));
    writeFileSync(join(from, 'root.cer'), pki.root.der);
    writeFileSync(join(from, 'ca.cer'), pki.intermediate.der);
    const pinned = [
      { name: 'Test GRCA', url: 'https://grca.invalid/root.cer', sha256: sha256(pki.root.der) },
      { name: 'Test MOICA', url: 'https://moica.invalid/ca.cer', sha256: sha256(pki.intermediate.der) },
    ];
    await installProductionTrust(server.data.paths.trust, { from, fetch: async () => new Uint8Array(), pinned });
    await server.context.certificates.reload();
    if (pin) server.context.push.pinnedProduction = new Set(pinned.map((p) => p.sha256));
  }

  it('on (default): a phone certificate chaining to the pinned CAs logs in, though the answer carries no intermediate', async () => {
    const { outcome } = await loginOnce({}, (server) => asProduction(server, { pin: true }));
    expect(outcome).toMatchObject({ status: 'approved', session: { account: 'mei' } });
  });

  it('off: the same certificate is untrusted', async () => {
    const { outcome } = await loginOnce({ push: { productionTrust: false } }, (server) => asProduction(server, { pin: true }));
    expect(outcome).toMatchObject({ status: 'denied', reason: { code: 'ERR_CERT_UNTRUSTED' } });
  });

  it('on: CAs in the trust folder that are not the pinned ones (e.g. `trust add` for cards) are not push anchors', async () => {
    const { outcome } = await loginOnce({}, (server) => asProduction(server, { pin: false }));
    expect(outcome).toMatchObject({ status: 'denied', reason: { code: 'ERR_CERT_UNTRUSTED' } });
  });
});
