import { describe, expect, it } from 'vitest';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, totpKey, type Route } from '../testing/fakeServer.js';
import { totpConfirm, type TotpConfirmOptions } from './totpConfirm.js';

const confirmRoute = 'POST /v1/totp/rebuild/confirm';

async function setup(route: Route | Route[], options: FakeDepsOptions = {}) {
  const server = await startFakeServer({ [confirmRoute]: route });
  const fake = await fakeDeps(options);
  await openTokenStore(fake.deps.configDir).save(server.url, session());
  const run = (flags: Omit<TotpConfirmOptions, 'server'> = {}) => totpConfirm({ server: server.url, ...flags }, fake.deps);
  const bodies = () => server.requests.map((request) => request.body);
  return { ...fake, run, bodies };
}

describe('gcis totp confirm', () => {
  it('confirms the pending version with --code and prints its version', async () => {
    const { run, bodies, stdout } = await setup({ status: 200, body: totpKey({ version: 2 }) });
    await run({ code: '123456' });
    expect(bodies()).toEqual([{ code: '123456' }]);
    expect(stdout()).toBe('version 2\n');
  });

  it('fails with ERR_MISSING_INPUT without a terminal and without --code, sending nothing', async () => {
    const { run, bodies } = await setup({ status: 200, body: totpKey() });
    expect(await errorCodeOf(run())).toBe('ERR_MISSING_INPUT');
    expect(bodies()).toEqual([]);
  });

  it('refuses a --code that is not six digits as a usage error', async () => {
    const { run, bodies } = await setup({ status: 200, body: totpKey() });
    expect(await errorCodeOf(run({ code: '12345' }))).toBe('ERR_USAGE');
    expect(bodies()).toEqual([]);
  });

  it('passes on the server saying nothing is pending', async () => {
    const { run } = await setup(errorReply(409, 'ERR_TOTP_NO_PENDING'));
    expect(await errorCodeOf(run({ code: '123456' }))).toBe('ERR_TOTP_NO_PENDING');
  });

  it('explains step-up when the server asks for a recent strong login', async () => {
    const { run } = await setup(errorReply(403, 'ERR_STEP_UP_REQUIRED'));
    const error = await run({ code: '123456' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STEP_UP_REQUIRED', message: expect.stringContaining('--method totp') });
  });
});
