import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { checkCodeIn } from './support/smtpServer.js';

describe('step-up: the TOTP secret needs a recent TOTP, card or push login', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  async function oneDayPasswordUser() {
    const issued = JSON.parse((await server.admin(['account', 'enable-one-day-password', 'alice', '--json'])).stdout);
    const code = checkCodeIn(readFileSync(issued.mailLocation, 'utf8'));
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_CHECK_CODE: code });
    expect((await user.run(['login', '--method', 'otp'])).exitCode).toBe(0);
    return user;
  }

  it('refuses gcis totp show from a one-day-password session: exit 4, ERR_STEP_UP_REQUIRED, what to do, no secret', async () => {
    const user = await oneDayPasswordUser();
    const shown = await user.run(['totp', 'show', '--secret']);
    expect(shown.exitCode).toBe(4);
    expect(errorCode(shown)).toBe('ERR_STEP_UP_REQUIRED');
    expect(shown.stderr).toContain(`gcis login --server ${server.url} --method totp`);
    expect(shown.stdout).toBe('');
    expect(shown.stderr).not.toContain(server.secret);
  });

  it('refuses gcis totp rebuild from that session too, and the first QR version keeps working', async () => {
    const user = await oneDayPasswordUser();
    const rebuilt = await user.run(['totp', 'rebuild', '--non-interactive', '--json']);
    expect(rebuilt.exitCode).toBe(4);
    expect(errorCode(rebuilt)).toBe('ERR_STEP_UP_REQUIRED');
    expect(rebuilt.stdout).toBe('');
  });

  it('shows the secret after logging in again with the authenticator, as the message says', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret });
    expect((await user.run(['login', '--method', 'totp'])).exitCode).toBe(0);
    const shown = await user.run(['totp', 'show', '--json', '--secret']);
    expect(shown.exitCode).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ version: 1, status: 'active', secret: server.secret });
  });
});
