import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, totpKey, type Route } from '../testing/fakeServer.js';
import { totpRebuild, type TotpRebuildOptions } from './totpRebuild.js';

const pending = totpKey({ version: 2, status: 'pending', uri: 'otpauth://totp/GCIS:alice%20(v2)?secret=X', secret: 'X' });
const active = { ...pending, status: 'active' as const };

async function setup(routes: Record<string, Route | Route[]>, options: FakeDepsOptions = {}) {
  const server = await startFakeServer({
    'POST /v1/totp/rebuild': { status: 200, body: pending },
    'POST /v1/totp/rebuild/confirm': { status: 200, body: active },
    ...routes,
  });
  const fake = await fakeDeps(options);
  await openTokenStore(fake.deps.configDir).save(server.url, session());
  const run = (flags: Omit<TotpRebuildOptions, 'server'> = {}) => totpRebuild({ server: server.url, ...flags }, fake.deps);
  const confirmations = () => server.requests.filter((r) => r.path === '/v1/totp/rebuild/confirm').map((r) => r.body);
  return { ...fake, server, run, confirmations };
}

describe('gcis totp rebuild', () => {
  it('shows the new QR version, asks for a code of it, and confirms it', async () => {
    const { run, confirmations, stdout, asked } = await setup({}, { tty: true, answers: { input: ['654321'] } });
    await run();
    expect(confirmations()).toEqual([{ code: '654321' }]);
    expect(asked).toHaveLength(1);
    expect(stdout()).toContain(pending.uri);
    expect(stdout()).toMatch(/^version 2$/m);
  });

  it('confirms with --code without asking', async () => {
    const { run, confirmations } = await setup({});
    await run({ code: '111222' });
    expect(confirmations()).toEqual([{ code: '111222' }]);
  });

  it('prints {version, status, uri, secret} of the confirmed version with --json, the QR going to stderr', async () => {
    const { run, stdout, stderr } = await setup({});
    await run({ code: '111222', json: true });
    expect(JSON.parse(stdout())).toEqual(active);
    expect(stderr().split('\n').length).toBeGreaterThan(10);
  });

  it('asks again after a code that does not match, up to three times', async () => {
    const wrong = errorReply(400, 'ERR_TOTP_INVALID_CODE');
    const { run, confirmations } = await setup(
      { 'POST /v1/totp/rebuild/confirm': [wrong, wrong, wrong] },
      { tty: true, answers: { input: ['000001', '000002', '000003', '000004'] } },
    );
    expect(await errorCodeOf(run())).toBe('ERR_TOTP_INVALID_CODE');
    expect(confirmations()).toHaveLength(3);
  });

  it('says to log in again (ERR_STEP_UP_REQUIRED, exit 4) when the server asks for step-up', async () => {
    const { run, server } = await setup({ 'POST /v1/totp/rebuild': errorReply(403, 'ERR_STEP_UP_REQUIRED') });
    const error = await run({ code: '111222' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STEP_UP_REQUIRED', message: expect.stringContaining(`--server ${server.url} --method totp`) });
    expect(exitCodeFor(error)).toBe(4);
    expect(server.requests).toHaveLength(1);
  });

  it('without a terminal and without --code, leaves the new version pending and prints it with its secret', async () => {
    const { run, stdout, confirmations } = await setup({});
    await run({ json: true });
    expect(JSON.parse(stdout())).toEqual({ version: 2, status: 'pending', uri: pending.uri, secret: 'X' });
    expect(confirmations()).toEqual([]);
  });
});
