import { describe, expect, it } from 'vitest';
import { buildTestPki } from '@gcis/core/x509/testing';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { cardCertificate, fakeCard } from '../testing/fakeCard.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, token, type Route } from '../testing/fakeServer.js';
import { cardBind, type CardBindOptions } from './cardBind.js';

const pki = buildTestPki({ keyType: 'ec', now: new Date('2026-11-27T02:00:10Z') });
const bound = { account: 'alice', name: '王小明', issuer: 'OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW', serialNumber: pki.leaf.serialHex, thumbprint: 'ab'.repeat(32) };
const challenge = { challengeId: 'ch-2', challenge: Buffer.alloc(32, 3).toString('base64url'), expiresAt: '2026-11-27T02:05:10.000Z' };

async function setup(bind: Route, options: FakeDepsOptions = {}, { loggedIn = true } = {}) {
  const server = await startFakeServer({ 'POST /v1/login/certificate/challenge': { status: 200, body: challenge }, 'POST /v1/certificate/bind': bind });
  const card = fakeCard([{ listed: cardCertificate(pki), pki }]);
  const fake = await fakeDeps({ env: { GCIS_PIN: '123456' }, openSigner: card.openSigner, ...options });
  if (loggedIn) await openTokenStore(fake.deps.configDir).save(server.url, session({ token: token(5) }));
  const run = (flags: Omit<CardBindOptions, 'server'> = {}) => cardBind({ server: server.url, ...flags }, fake.deps);
  return { ...fake, server, card, run };
}

describe('gcis card bind', () => {
  it('signs a challenge with the card under the current session and prints what was bound', async () => {
    const { run, server, card, stdout } = await setup({ status: 200, body: bound });
    await run();
    const bind = server.requests.find((request) => request.path === '/v1/certificate/bind');
    expect(bind?.headers.authorization).toBe(`Bearer ${token(5)}`);
    expect(bind?.body).toMatchObject({ challengeId: 'ch-2', signature: expect.any(String) });
    expect(card.signs).toHaveLength(1);
    expect(stdout()).toContain('account     alice');
    expect(stdout()).toContain(`serial      ${pki.leaf.serialHex}`);
  });

  it('prints the binding as JSON with --json', async () => {
    const { run, stdout } = await setup({ status: 200, body: bound });
    await run({ json: true });
    expect(JSON.parse(stdout())).toEqual(bound);
  });

  it('needs a session first, and says so before touching the card', async () => {
    const { run, card, server } = await setup({ status: 200, body: bound }, {}, { loggedIn: false });
    expect(await errorCodeOf(run())).toBe('ERR_NOT_LOGGED_IN');
    expect(card.opened).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('passes the server’s refusal on, e.g. a certificate bound to another account', async () => {
    const { run } = await setup(errorReply(409, 'ERR_CERT_BOUND'));
    expect(await errorCodeOf(run())).toBe('ERR_CERT_BOUND');
  });

  it('explains step-up when the login is not recent or not strong enough: log in again with totp, cert or push (exit 4)', async () => {
    const { run, server } = await setup(errorReply(403, 'ERR_STEP_UP_REQUIRED'));
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STEP_UP_REQUIRED', message: expect.stringContaining(`gcis login --server ${server.url} --method totp`) });
    expect(exitCodeFor(error)).toBe(4);
  });

  it('names --pin-file and GCIS_PIN without a terminal', async () => {
    const { run } = await setup({ status: 200, body: bound }, { env: {} });
    expect(await errorCodeOf(run())).toBe('ERR_MISSING_INPUT');
  });
});
