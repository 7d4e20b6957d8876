import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, token } from '../testing/fakeServer.js';
import { exec } from './exec.js';

const server = 'http://127.0.0.1:8470';
const node = process.execPath;

async function loggedIn(options: Parameters<typeof fakeDeps>[0] = {}) {
  const fake = await fakeDeps({ env: { PATH: process.env.PATH }, ...options });
  await openTokenStore(fake.deps.configDir).save(server, session());
  return fake;
}

describe('gcis exec', () => {
  it('passes the exit code of the command through', async () => {
    const { deps } = await loggedIn();
    expect(await exec({ server, command: node, args: ['-e', 'process.exit(7)'] }, deps)).toBe(7);
    expect(await exec({ server, command: node, args: ['-e', ''] }, deps)).toBe(0);
  });

  it('gives the command GCIS_TOKEN and GCIS_SERVER, and the rest of the environment', async () => {
    const { deps } = await loggedIn({ env: { PATH: process.env.PATH, KEEP_ME: 'kept' } });
    const check = `process.exit(process.env.GCIS_TOKEN === '${token()}' && process.env.GCIS_SERVER === '${server}' && process.env.KEEP_ME === 'kept' ? 0 : 9)`;
    expect(await exec({ server, command: node, args: ['-e', check] }, deps)).toBe(0);
  });

  it('keeps the login secrets from the command', async () => {
    const secrets = { GCIS_PASSWORD: 'pw', GCIS_TOTP_SECRET: 'GEZDGNBV', GCIS_CHECK_CODE: 'ABC', GCIS_PIN: '1234' };
    const { deps } = await loggedIn({ env: { PATH: process.env.PATH, ...secrets } });
    const check = `process.exit(Object.keys(${JSON.stringify(secrets)}).some((name) => name in process.env) ? 9 : 0)`;
    expect(await exec({ server, command: node, args: ['-e', check] }, deps)).toBe(0);
  });

  it('reports a command ended by a signal as 128 + the signal number', async () => {
    const { deps } = await loggedIn();
    const args = ['-e', "process.kill(process.pid, 'SIGTERM')"];
    expect(await exec({ server, command: node, args }, deps)).toBe(128 + 15);
  });

  it('exits 127 with a message when the command does not exist', async () => {
    const { deps, stderr } = await loggedIn();
    expect(await exec({ server, command: 'gcis-test-no-such-command', args: [] }, deps)).toBe(127);
    expect(stderr()).toMatch(/\(ERR_NOT_FOUND\)\n$/);
  });

  it('fails with ERR_NOT_LOGGED_IN without running the command', async () => {
    const { deps } = await fakeDeps({ env: { PATH: process.env.PATH } });
    const marker = join(deps.configDir, 'ran');
    const args = ['-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`];
    expect(await errorCodeOf(exec({ server, command: node, args }, deps))).toBe('ERR_NOT_LOGGED_IN');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a session the server ended after idle time, without running the command (exit 4)', async () => {
    const { deps } = await fakeDeps({ env: { PATH: process.env.PATH }, now: '2026-11-27T02:45:00Z' });
    const remote = await startFakeServer({ 'GET /v1/session': errorReply(401, 'ERR_UNAUTHENTICATED') });
    await openTokenStore(deps.configDir).save(remote.url, session());
    const marker = join(deps.configDir, 'ran');
    const args = ['-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`];
    expect(await errorCodeOf(exec({ server: remote.url, command: node, args }, deps))).toBe('ERR_NOT_LOGGED_IN');
    expect(existsSync(marker)).toBe(false);
  });
});
