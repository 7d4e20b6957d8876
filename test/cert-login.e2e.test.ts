import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createClient } from '@gcis/core/client';
import { buildLoginSignature, createPkcs11Signer, signedLoginContent } from '@gcis/core/smartcard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin } from './support/paths.js';
import { installCard, makeTestCard, pkcs11Spy, type TestCardFolder } from './support/testCard.js';
import { startInTmux } from './support/tmux.js';

// Certificate login (自然人憑證) end to end: cards made by examples/test-card, a real gcis-server
// trusting their test roots and CRLs, and real gcis processes signing on the SoftHSM2 token.
const pin = '73059148'; // 8 digits that appear nowhere else on a screen
const refused = ['revoked', 'expired', 'other-root', 'no-digital-signature'] as const;

let server: RunningServer;
/** The other-root card gets a server of its own, see beforeAll. */
let otherRootServer: RunningServer;
let valid: TestCardFolder;
const cards = {} as Record<(typeof refused)[number], TestCardFolder>;

const serverTrusting = (trusted: TestCardFolder[]) =>
  startGcisServer({ captchaPolicy: 'off' }, {}, {
    beforeStart: async (admin) => {
      for (const card of trusted) await installCard(admin, card);
    },
  });

beforeAll(async () => {
  const made = await Promise.all([makeTestCard('valid', { pin }), ...refused.map((variant) => makeTestCard(variant, { pin }))]);
  valid = made[0]!;
  refused.forEach((variant, index) => (cards[variant] = made[index + 1]!));
  // Every test PKI names its CAs alike (as MOICA G2 and G3 share a name). Beside the other cards'
  // same-named intermediates, the path builder reports the other-root card's failure as a bad
  // signature by one of them; alone, as what it is: no trusted root.
  const others = made.filter((card) => card.variant !== 'other-root');
  [server, otherRootServer] = await Promise.all([serverTrusting(others), serverTrusting([cards['other-root']])]);
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), otherRootServer?.stop()]);
  for (const card of [valid, ...Object.values(cards)]) if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
});

const cardUser = (card: TestCardFolder, env: Record<string, string> = {}) =>
  cliUser(card.variant === 'other-root' ? otherRootServer.url : server.url, { ...card.env, ...env });

describe('gcis login --method cert against gcis-server', () => {
  it('logs in with the PIN from GCIS_PIN; status says the method is certificate', async () => {
    const user = cardUser(valid, { GCIS_PIN: pin });
    const login = await user.run(['login', '--method', 'cert']);
    expect(login.exitCode, login.stderr).toBe(0);
    expect(login.stdout).toBe('');
    expect(login.stderr).toMatch(/Logged in to .* as alice \(certificate\)/);
    const status = await user.run(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ account: 'alice', method: 'certificate' });
  });

  it.each([
    ['revoked', 'ERR_CERT_REVOKED'],
    ['expired', 'ERR_CERT_EXPIRED'],
    ['other-root', 'ERR_CERT_UNTRUSTED'],
    ['no-digital-signature', 'ERR_CERT_USAGE'],
  ] as const)('refuses the %s card with %s (exit 4) and keeps no session', async (variant, code) => {
    const user = cardUser(cards[variant], { GCIS_PIN: pin });
    const login = await user.run(['login', '--method', 'cert']);
    expect([login.exitCode, errorCode(login)], login.stderr).toEqual([4, code]);
    expect(cards[variant].refusedWith).toBe(code); // what the example script documents
    expect((await user.run(['token'])).exitCode).toBe(4);
  });

  it('tries a wrong PIN exactly once (ERR_PIN_INCORRECT, exit 4); the card records it and the right PIN still works', async () => {
    expect(pkcs11Spy, 'OpenSC pkcs11-spy.so (package opensc-pkcs11)').toBeDefined();
    const spyLog = join(mkdtempSync(join(tmpdir(), 'gcis-spy-')), 'pkcs11.log');
    // pkcs11-spy sits between gcis and SoftHSM2 and logs every call: C_Login is counted there.
    const user = cardUser(valid, { GCIS_PKCS11_MODULE: pkcs11Spy!, PKCS11SPY: valid.env.GCIS_PKCS11_MODULE, PKCS11SPY_OUTPUT: spyLog });
    const wrong = await user.run(['login', '--method', 'cert'], { env: { GCIS_PIN: '11112222' } });
    expect([wrong.exitCode, errorCode(wrong)]).toEqual([4, 'ERR_PIN_INCORRECT']);
    expect(wrong.stderr).toMatch(/tries left/);
    const log = readFileSync(spyLog, 'utf8');
    expect(log.match(/: C_Login\b/g)).toHaveLength(1);
    expect(log.match(/CKR_PIN_INCORRECT/g)).toHaveLength(1);

    const listed = JSON.parse((await cardUser(valid).run(['card', 'list', '--json'])).stdout) as Array<{ pinStatus: { countLow: boolean } }>;
    expect(listed[0]?.pinStatus.countLow).toBe(true); // the token's record of the failed try

    const right = await user.run(['login', '--method', 'cert'], { env: { GCIS_PIN: pin } });
    expect(right.exitCode, right.stderr).toBe(0);
    expect(right.stderr).toMatch(/warning: card \w+ reports wrong PINs/);
    const after = JSON.parse((await cardUser(valid).run(['card', 'list', '--json'])).stdout) as typeof listed;
    expect(after[0]?.pinStatus.countLow).toBe(false);
  });

  it('fails fast without a terminal when no PIN is given, naming --pin-file and GCIS_PIN', async () => {
    const result = await cardUser(valid).run(['login', '--method', 'cert']);
    expect([result.exitCode, errorCode(result)]).toEqual([2, 'ERR_MISSING_INPUT']);
    expect(result.stderr).toMatch(/--pin-file.*GCIS_PIN/);
  });

  it('takes the PIN typed at a real terminal prompt and never shows it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-'));
    const terminal = startInTmux(['node', cliBin, 'login', '--method', 'cert'], {
      ...valid.env,
      GCIS_SERVER: server.url,
      GCIS_CONFIG_DIR: configDir,
      HOME: configDir,
      GCIS_PIN: '', // a developer's own GCIS_PIN must not answer for the prompt
    });
    try {
      await terminal.waitFor(/PIN of card/);
      terminal.type(pin);
      terminal.send('Enter');
      expect(await terminal.exitCode(30_000)).toBe(0);
      expect(terminal.screen()).toMatch(/Logged in to .* as alice \(certificate\)/);
      expect(terminal.screen()).not.toContain(pin);
    } finally {
      terminal.kill();
    }
    const status = await cliUser(server.url, { GCIS_CONFIG_DIR: configDir }).run(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ account: 'alice', method: 'certificate' });
  });
});

describe('signatures the server must not take twice or from elsewhere', () => {
  /** A CMS over a fresh challenge, signed on the valid card in this process, for `origin`. */
  async function signedChallenge(origin: string) {
    process.env.SOFTHSM2_CONF = valid.env.SOFTHSM2_CONF;
    const client = createClient({ server: server.url });
    const challenge = await client.certificateChallenge();
    const signer = await createPkcs11Signer({ modulePath: valid.env.GCIS_PKCS11_MODULE, env: {} });
    try {
      const [certificate] = await signer.listCertificates();
      const now = new Date();
      const cms = await buildLoginSignature({
        signer,
        certificate: certificate!,
        pin,
        content: signedLoginContent({ challenge: challenge.challenge, origin, issuedAt: now }),
        nonce: Buffer.from(challenge.challenge, 'base64url'),
        signingTime: now,
      });
      return { client, body: { challengeId: challenge.challengeId, signature: Buffer.from(cms).toString('base64') } };
    } finally {
      await signer.close();
    }
  }
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code);

  it('refuses a replayed signature: one challenge, one session', async () => {
    const { client, body } = await signedChallenge(server.url);
    expect(await codeOf(client.loginCertificate(body))).toBe('ok');
    expect(await codeOf(client.loginCertificate(body))).toMatch(/^ERR_CHALLENGE_/);
  });

  it('refuses a signature made for another server', async () => {
    const { client, body } = await signedChallenge('https://gcis.example');
    expect(await codeOf(client.loginCertificate(body))).toBe('ERR_ORIGIN_MISMATCH');
  });
});
