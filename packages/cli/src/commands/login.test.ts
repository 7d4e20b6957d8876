import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '@gcis/core/ports';
import { createCaptcha, renderCaptchaForTerminal } from '@gcis/core/captcha';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { ctrlC, fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, storedSession, token, type Route } from '../testing/fakeServer.js';
import { login, type LoginOptions } from './login.js';

const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const now = '2026-11-27T02:00:10Z'; // 20 s before the next 30-second step
const codeAt = (instant: string) => generateTotp({ secret: decodeTotpSecret(secret), now: new Date(instant) });
const ciEnv = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_TOTP_SECRET: secret };
const loggedIn: Route = { status: 200, body: session() };
const loginRoute = 'POST /v1/login/totp';

async function setup(routes: Record<string, Route | Route[]>, options: FakeDepsOptions = {}) {
  const server = await startFakeServer(routes);
  const fake = await fakeDeps({ now, ...options });
  const store = openTokenStore(fake.deps.configDir);
  const run = (flags: Omit<LoginOptions, 'server'> = {}) => login({ server: server.url, ...flags }, fake.deps);
  const bodies = () => server.requests.filter((r) => `${r.method} ${r.path}` === loginRoute).map((r) => r.body);
  return { ...fake, server, store, run, bodies };
}

describe('gcis login without a terminal', () => {
  it('logs in with GCIS_ACCOUNT, GCIS_PASSWORD and a code computed from GCIS_TOTP_SECRET at the clock', async () => {
    const { run, bodies, store, server, stdout } = await setup({ [loginRoute]: loggedIn }, { env: ciEnv });
    await run({ method: 'totp' });
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', code: codeAt(now) }]);
    expect(await store.read(server.url)).toEqual(storedSession());
    expect(stdout()).toBe('');
  });

  it.each([
    ['GCIS_TOTP_SECRET', ciEnv, {}],
    ['--code', { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' }, { code: '123456' }],
  ])('picks TOTP by itself when %s is given', async (_, env, flags) => {
    const { run, bodies } = await setup({ [loginRoute]: loggedIn }, { env });
    await run(flags);
    expect(bodies()).toHaveLength(1);
  });

  it('reads the password from stdin and strips exactly one trailing newline', async () => {
    const { run, bodies } = await setup(
      { [loginRoute]: loggedIn },
      { env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'not this one', GCIS_TOTP_SECRET: secret }, stdin: 'p@ss word\n\n' },
    );
    await run({ method: 'totp', passwordStdin: true });
    expect(bodies()).toMatchObject([{ password: 'p@ss word\n' }]);
  });

  it('takes --account over GCIS_ACCOUNT and --code over GCIS_TOTP_SECRET', async () => {
    const { run, bodies } = await setup({ [loginRoute]: loggedIn }, { env: { ...ciEnv, GCIS_ACCOUNT: 'env-user' } });
    await run({ method: 'totp', account: 'flag-user', code: '000111' });
    expect(bodies()).toEqual([{ account: 'flag-user', password: 'pw', code: '000111' }]);
  });

  it.each([
    ['the account', { GCIS_PASSWORD: 'pw', GCIS_TOTP_SECRET: secret }],
    ['the password', { GCIS_ACCOUNT: 'alice', GCIS_TOTP_SECRET: secret }],
    ['an empty password variable', { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: '', GCIS_TOTP_SECRET: secret }],
    ['the code', { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' }],
  ])('fails fast with ERR_MISSING_INPUT when %s is missing, before contacting the server', async (_, env) => {
    const { run, server } = await setup({ [loginRoute]: loggedIn }, { env });
    expect(await errorCodeOf(run({ method: 'totp' }))).toBe('ERR_MISSING_INPUT');
    expect(server.requests).toEqual([]);
  });

  it('fails with ERR_MISSING_INPUT when neither --method, --code nor GCIS_TOTP_SECRET says which method', async () => {
    const { run, server } = await setup({}, { env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' } });
    expect(await errorCodeOf(run())).toBe('ERR_MISSING_INPUT');
    expect(server.requests).toEqual([]);
  });

  it('fails with ERR_MISSING_INPUT when --password-stdin finds stdin empty', async () => {
    const { run } = await setup({}, { env: ciEnv, stdin: '' });
    expect(await errorCodeOf(run({ method: 'totp', passwordStdin: true }))).toBe('ERR_MISSING_INPUT');
  });

  it('refuses a --code that is not 6 digits as ERR_USAGE', async () => {
    const { run, server } = await setup({}, { env: ciEnv });
    expect(await errorCodeOf(run({ method: 'totp', code: '12345' }))).toBe('ERR_USAGE');
    expect(server.requests).toEqual([]);
  });

  it('refuses a malformed GCIS_TOTP_SECRET as ERR_INVALID_SECRET before contacting the server', async () => {
    const { run, server } = await setup({}, { env: { ...ciEnv, GCIS_TOTP_SECRET: 'not base32!' } });
    expect(await errorCodeOf(run({ method: 'totp' }))).toBe('ERR_INVALID_SECRET');
    expect(server.requests).toEqual([]);
  });

  it('names the national ID as missing for --method push without --id or GCIS_NATIONAL_ID', async () => {
    const { run } = await setup({}, { env: ciEnv });
    expect(await errorCodeOf(run({ method: 'push' }))).toBe('ERR_MISSING_INPUT');
  });

  it('prints the session without its token on stdout with --json', async () => {
    const { run, server, stdout } = await setup({ [loginRoute]: loggedIn }, { env: ciEnv });
    await run({ method: 'totp', json: true });
    const { account, method, issuedAt, expiresAt } = session();
    expect(JSON.parse(stdout())).toEqual({ account, method, issuedAt, expiresAt, server: server.url });
    expect(stdout()).not.toContain('gcis_');
  });

  it('keeps nothing when the server refuses the login, which exits 4', async () => {
    const { run, store, server } = await setup({ [loginRoute]: errorReply(401, 'ERR_LOGIN_FAILED') }, { env: ciEnv });
    const error = await run({ method: 'totp' }).catch((caught: unknown) => caught);
    expect(exitCodeFor(error)).toBe(4);
    expect(await store.read(server.url)).toBeUndefined();
  });

  it.each([
    ['totp', loginRoute, ciEnv],
    ['otp', 'POST /v1/login/one-day-password', { ...ciEnv, GCIS_CHECK_CODE: 'ABCDE23456' }],
  ] as const)('after a refused --method %s login, points on stderr at the methods a pause does not touch', async (method, route, env) => {
    const { run, stdout, stderr } = await setup({ [route]: errorReply(401, 'ERR_LOGIN_FAILED') }, { env });
    expect(await errorCodeOf(run({ method }))).toBe('ERR_LOGIN_FAILED');
    expect(stderr()).toContain('gcis login --method cert');
    expect(stderr()).toContain('--method push');
    expect(stdout()).toBe('');
  });

  it('says nothing of pauses for a refusal that is not ERR_LOGIN_FAILED', async () => {
    const env = { ...ciEnv, GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, stderr } = await setup({ 'POST /v1/login/one-day-password': errorReply(401, 'ERR_CHECK_CODE_EXPIRED') }, { env });
    expect(await errorCodeOf(run({ method: 'otp' }))).toBe('ERR_CHECK_CODE_EXPIRED');
    expect(stderr()).not.toContain('--method cert');
  });

  it('keeps the sessions of other servers', async () => {
    const { run, store } = await setup({ [loginRoute]: loggedIn }, { env: ciEnv });
    await store.save('https://other.example', session({ account: 'bob' }));
    await run({ method: 'totp' });
    expect(await store.read('https://other.example')).toMatchObject({ account: 'bob' });
  });
});

describe('gcis login replacing a stored session', () => {
  const newSession: Route = { status: 200, body: session({ token: token(2) }) };
  const revocations = (server: { requests: { method: string; path: string; headers: Record<string, unknown> }[] }) =>
    server.requests.filter((r) => r.method === 'DELETE' && r.path === '/v1/session').map((r) => r.headers.authorization);

  it('ends the replaced session on the server with its own token', async () => {
    const { run, store, server, stderr } = await setup({ [loginRoute]: newSession, 'DELETE /v1/session': { status: 204 } }, { env: ciEnv });
    await store.save(server.url, session({ token: token(1) }));
    await run({ method: 'totp' });
    expect(revocations(server)).toEqual([`Bearer ${token(1)}`]);
    expect((await store.read(server.url))?.token).toBe(token(2));
    expect(stderr()).not.toContain('warning');
  });

  it('keeps the new login and says so on stderr when the server cannot end the old session', async () => {
    const { run, store, server, stderr } = await setup(
      { [loginRoute]: newSession, 'DELETE /v1/session': errorReply(503, 'ERR_INTERNAL') },
      { env: ciEnv },
    );
    await store.save(server.url, session({ token: token(1) }));
    await run({ method: 'totp' });
    expect(revocations(server)).toHaveLength(1);
    expect((await store.read(server.url))?.token).toBe(token(2));
    expect(stderr()).toMatch(/warning: .*ERR_/);
  });

  it('says nothing when the server had already ended the old session', async () => {
    const { run, store, server, stderr } = await setup(
      { [loginRoute]: newSession, 'DELETE /v1/session': errorReply(401, 'ERR_UNAUTHENTICATED') },
      { env: ciEnv },
    );
    await store.save(server.url, session({ token: token(1) }));
    await run({ method: 'totp' });
    expect(revocations(server)).toHaveLength(1);
    expect((await store.read(server.url))?.token).toBe(token(2));
    expect(stderr()).not.toContain('warning');
  });

  it('asks nothing of the server for an old session past its end, nor for the session it just got', async () => {
    const { run, store, server } = await setup({ [loginRoute]: [newSession, newSession] }, { env: ciEnv });
    await store.save(server.url, session({ token: token(1), expiresAt: '2026-11-27T01:00:00.000Z' }));
    await run({ method: 'totp' });
    await run({ method: 'totp' }); // the server handed out the same token again
    expect(revocations(server)).toEqual([]);
  });
});

describe('gcis login on a terminal', () => {
  it('asks for the method, account, password and code, in that order', async () => {
    const { run, bodies, asked } = await setup(
      { [loginRoute]: loggedIn },
      { tty: true, answers: { select: ['totp'], input: ['alice', '123456'], password: ['pw'] } },
    );
    await run();
    expect(asked.map((question) => question.kind)).toEqual(['select', 'input', 'password', 'input']);
    expect(asked[0]?.choices).toEqual(['totp', 'otp', 'cert', 'push']); // only the methods that exist so far
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', code: '123456' }]);
  });

  it('asks only for what neither a flag nor a variable gave', async () => {
    const { run, asked } = await setup(
      { [loginRoute]: loggedIn },
      { tty: true, env: { GCIS_PASSWORD: 'pw' }, answers: { input: ['123456'] } },
    );
    await run({ method: 'totp', account: 'alice' });
    expect(asked.map((question) => question.kind)).toEqual(['input']);
  });

  it.each([
    ['with --non-interactive', {}, { nonInteractive: true }],
    ['with CI=true', { CI: 'true' }, {}],
  ])('never asks %s, and names what is missing instead', async (_, env, flags) => {
    const { run, asked } = await setup({}, { tty: true, env: { ...env, GCIS_PASSWORD: 'pw', GCIS_TOTP_SECRET: secret } });
    expect(await errorCodeOf(run({ method: 'totp', ...flags }))).toBe('ERR_MISSING_INPUT');
    expect(asked).toEqual([]);
  });

  it('saves nothing and exits 130 when Ctrl-C ends the password prompt', async () => {
    const { run, store, server } = await setup(
      { [loginRoute]: loggedIn },
      { tty: true, answers: { input: ['alice'], password: [ctrlC()] } },
    );
    const error = await run({ method: 'totp' }).catch((caught: unknown) => caught);
    expect(exitCodeFor(error)).toBe(130);
    expect(server.requests).toEqual([]);
    expect(await store.read(server.url)).toBeUndefined();
  });
});

describe('gcis login when the server wants a captcha', () => {
  const captcha = createCaptcha({ random: cryptoRandom, now: new Date(now) });
  const challenge: Route = {
    status: 200,
    body: { id: 'c1', image: Buffer.from(captcha.png).toString('base64'), expiresAt: '2026-11-27T02:02:10.000Z' },
  };

  it('draws it on stderr, asks for it, and retries once with {id, answer}', async () => {
    const { run, bodies, stderr, store, server } = await setup(
      { [loginRoute]: [errorReply(400, 'ERR_CAPTCHA_REQUIRED'), loggedIn], 'POST /v1/captcha': challenge },
      { tty: true, env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' }, answers: { input: [captcha.answer] } },
    );
    await run({ method: 'totp', code: '123456' });
    expect(bodies()).toEqual([
      { account: 'alice', password: 'pw', code: '123456' },
      { account: 'alice', password: 'pw', code: '123456', captcha: { id: 'c1', answer: captcha.answer } },
    ]);
    expect(stderr()).toContain(renderCaptchaForTerminal(captcha.png));
    expect(await store.read(server.url)).toEqual(storedSession());
  });

  it('gives up when the retry with the captcha is refused too', async () => {
    const { run, bodies } = await setup(
      { [loginRoute]: [errorReply(400, 'ERR_CAPTCHA_REQUIRED'), errorReply(400, 'ERR_CAPTCHA_INVALID')], 'POST /v1/captcha': challenge },
      { tty: true, env: ciEnv, answers: { input: ['00000'] } },
    );
    expect(await errorCodeOf(run({ method: 'totp' }))).toBe('ERR_CAPTCHA_INVALID');
    expect(bodies()).toHaveLength(2);
  });

  it('fails with ERR_CAPTCHA_REQUIRED (exit 4) without a terminal, after one request', async () => {
    const { run, server } = await setup(
      { [loginRoute]: errorReply(400, 'ERR_CAPTCHA_REQUIRED'), 'POST /v1/captcha': challenge },
      { env: ciEnv },
    );
    const error = await run({ method: 'totp' }).catch((caught: unknown) => caught);
    expect(exitCodeFor(error)).toBe(4);
    expect(error).toMatchObject({ code: 'ERR_CAPTCHA_REQUIRED' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('gcis login when the code was already used (ERR_TOTP_REPLAY)', () => {
  const replay = errorReply(401, 'ERR_TOTP_REPLAY');

  it('waits for the next 30-second step and retries once with its code, when it computed the code', async () => {
    const { run, bodies, sleeps, stderr } = await setup({ [loginRoute]: [replay, loggedIn] }, { env: ciEnv });
    await run({ method: 'totp' });
    expect(sleeps).toEqual([20_000]);
    expect(bodies()).toMatchObject([{ code: codeAt(now) }, { code: codeAt('2026-11-27T02:00:30Z') }]);
    expect(codeAt(now)).not.toBe(codeAt('2026-11-27T02:00:30Z'));
    expect(stderr()).not.toBe('');
  });

  it('retries only once', async () => {
    const { run, bodies } = await setup({ [loginRoute]: replay }, { env: ciEnv });
    expect(await errorCodeOf(run({ method: 'totp' }))).toBe('ERR_TOTP_REPLAY');
    expect(bodies()).toHaveLength(2);
  });

  it('does not wait when the code came from --code: that code cannot change', async () => {
    const { run, bodies, sleeps } = await setup({ [loginRoute]: [replay, loggedIn] }, { env: ciEnv });
    expect(await errorCodeOf(run({ method: 'totp', code: '123456' }))).toBe('ERR_TOTP_REPLAY');
    expect(sleeps).toEqual([]);
    expect(bodies()).toHaveLength(1);
  });
});
