import { describe, expect, it } from 'vitest';
import { login, type LoginOptions } from '../commands/login.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, type Route } from '../testing/fakeServer.js';

const route = 'POST /v1/login/one-day-password';
const loggedIn: Route = { status: 200, body: session({ method: 'one-day-password' }) };

async function setup(routes: Record<string, Route | Route[]>, options: FakeDepsOptions = {}) {
  const server = await startFakeServer(routes);
  const fake = await fakeDeps(options);
  const run = (flags: Omit<LoginOptions, 'server'> = {}) => login({ server: server.url, ...flags }, fake.deps);
  const bodies = () => server.requests.filter((r) => `${r.method} ${r.path}` === route).map((r) => r.body);
  return { ...fake, server, run, bodies, store: openTokenStore(fake.deps.configDir) };
}

describe('gcis login --method otp', () => {
  it('sends account, password and GCIS_CHECK_CODE, and keeps the one-day-password session', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, bodies, store, server } = await setup({ [route]: loggedIn }, { env });
    await run({ method: 'otp' });
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', checkCode: 'ABCDE23456' }]);
    expect((await store.read(server.url))?.method).toBe('one-day-password');
  });

  it('picks the one-day password by itself when GCIS_CHECK_CODE is given', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, bodies } = await setup({ [route]: loggedIn }, { env });
    await run();
    expect(bodies()).toHaveLength(1);
  });

  it('asks for the check code on a terminal', async () => {
    const { run, bodies, asked } = await setup(
      { [route]: loggedIn },
      { tty: true, env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' }, answers: { input: ['ABCDE23456'] } },
    );
    await run({ method: 'otp' });
    expect(asked.map((question) => question.kind)).toEqual(['input']);
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', checkCode: 'ABCDE23456' }]);
  });

  it('names GCIS_CHECK_CODE when it is missing without a terminal', async () => {
    const { run, server } = await setup({ [route]: loggedIn }, { env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' } });
    const error = await run({ method: 'otp' }).catch((caught: Error) => caught);
    expect(await errorCodeOf(Promise.reject(error))).toBe('ERR_MISSING_INPUT');
    expect(error?.message).toContain('GCIS_CHECK_CODE');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps nothing when the code expired', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, store, server } = await setup({ [route]: errorReply(401, 'ERR_CHECK_CODE_EXPIRED') }, { env });
    expect(await errorCodeOf(run({ method: 'otp' }))).toBe('ERR_CHECK_CODE_EXPIRED');
    expect(await store.read(server.url)).toBeUndefined();
  });
});
