import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, token, totpKey } from '../testing/fakeServer.js';
import { totpShow } from './totpShow.js';

async function setup(tty = false) {
  const server = await startFakeServer({ 'GET /v1/totp': { status: 200, body: totpKey({ version: 3 }) } });
  const fake = await fakeDeps({ tty });
  await openTokenStore(fake.deps.configDir).save(server.url, session());
  return { ...fake, server };
}

describe('gcis totp show', () => {
  it('prints the QR code, the version and the otpauth URI on stdout, and no secret unless asked', async () => {
    const { deps, server, stdout } = await setup();
    await totpShow({ server: server.url }, deps);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token()}`);
    const lines = stdout().trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual(['version 3', totpKey().uri]);
    expect(lines.length).toBeGreaterThan(10); // the QR code above them
    expect(stdout()).not.toMatch(/\x1b\[/); // not a terminal: no colour escapes
    expect(stdout()).not.toMatch(/^secret /m);
  });

  it('draws the QR with terminal colours when stdout is a terminal', async () => {
    const { deps, server, stdout } = await setup(true);
    await totpShow({ server: server.url }, deps);
    expect(stdout()).toContain('\x1b[30;47m'); // black on white
  });

  it('adds the base32 secret with --secret', async () => {
    const { deps, server, stdout } = await setup();
    await totpShow({ server: server.url, secret: true }, deps);
    expect(stdout()).toMatch(new RegExp(`^secret ${totpKey().secret}$`, 'm'));
  });

  it('prints {version, status, uri} as JSON, with the secret only when asked', async () => {
    const plain = await setup();
    await totpShow({ server: plain.server.url, json: true }, plain.deps);
    const { secret, ...withoutSecret } = totpKey({ version: 3 });
    expect(JSON.parse(plain.stdout())).toEqual(withoutSecret);

    const withSecret = await setup();
    await totpShow({ server: withSecret.server.url, json: true, secret: true }, withSecret.deps);
    expect(JSON.parse(withSecret.stdout())).toEqual({ ...withoutSecret, secret });
  });

  it('fails with ERR_NOT_LOGGED_IN without a session', async () => {
    const { deps } = await fakeDeps();
    expect(await errorCodeOf(totpShow({ server: 'http://127.0.0.1:8470' }, deps))).toBe('ERR_NOT_LOGGED_IN');
  });

  it('makes the first QR version when the account has none, leaving it pending without a terminal', async () => {
    const pending = totpKey({ version: 1, status: 'pending' });
    const server = await startFakeServer({
      'GET /v1/totp': errorReply(404, 'ERR_TOTP_NOT_ENROLLED'),
      'POST /v1/totp/rebuild': { status: 200, body: pending },
    });
    const { deps, stdout } = await fakeDeps();
    await openTokenStore(deps.configDir).save(server.url, session());
    await totpShow({ server: server.url, json: true }, deps);
    expect(JSON.parse(stdout())).toEqual({ version: 1, status: 'pending', uri: pending.uri, secret: pending.secret });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/totp',
      'POST /v1/totp/rebuild',
    ]);
  });

  it('explains step-up when the server refuses (log in again with totp, cert or push), exits 4 and enrols nothing', async () => {
    const server = await startFakeServer({
      'GET /v1/totp': errorReply(403, 'ERR_STEP_UP_REQUIRED'),
      'POST /v1/totp/rebuild': { status: 200, body: totpKey() },
    });
    const { deps } = await fakeDeps();
    await openTokenStore(deps.configDir).save(server.url, session());
    const error = await totpShow({ server: server.url }, deps).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STEP_UP_REQUIRED' });
    expect((error as Error).message).toMatch(/--method totp.*--method cert.*--method push/);
    expect(exitCodeFor(error)).toBe(4);
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/totp']);
  });
});
