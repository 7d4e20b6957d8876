import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { oneDayPasswordAtTerminal } from './support/oneDayPasswordAtTerminal.js';
import { checkCodeIn } from './support/smtpServer.js';

// The one-day check code is good until midnight: it never goes on argv (ps, shell history) and
// is never echoed by the prompt (README "Security").
describe('the one-day check code stays off the command line and off the screen', () => {
  let server: RunningServer;
  const issueCheckCode = async () => {
    const issued = JSON.parse((await server.admin(['account', 'enable-one-day-password', 'alice', '--json'])).stdout);
    return checkCodeIn(readFileSync(issued.mailLocation, 'utf8'));
  };
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  it('masks the check code typed at the prompt, and logs in with it', async () => {
    const checkCode = await issueCheckCode();
    const terminal = await oneDayPasswordAtTerminal(server.url);
    try {
      terminal.type(checkCode);
      await terminal.waitFor(/Check code.*\*{4,}/); // the prompt drew its mask for the typed characters
      expect(terminal.screen()).not.toContain(checkCode);
      terminal.send('Enter');
      expect(await terminal.exitCode()).toBe(0);
      expect(terminal.screen()).toMatch(/as alice \(one-day-password\)/);
      expect(terminal.screen()).not.toContain(checkCode);
      expect(terminal.screen()).not.toContain(demoPassword);
    } finally {
      terminal.kill();
    }
  });

  it('refuses --code for the one-day password with a usage error (exit 2), and sends nothing', async () => {
    const checkCode = await issueCheckCode();
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword });
    const refused = await user.run(['login', '--method', 'otp', '--code', checkCode]);
    expect(refused.exitCode).toBe(2);
    expect(errorCode(refused)).toBe('ERR_USAGE');
    expect(refused.stderr).toContain('--check-code-stdin');
    // Nothing was sent: the same code still logs in, read from stdin this time.
    const fromStdin = await user.run(['login', '--method', 'otp', '--check-code-stdin'], { input: `${checkCode}\n` });
    expect(fromStdin.exitCode).toBe(0);
    expect(JSON.parse((await user.run(['status', '--json'])).stdout)).toMatchObject({ method: 'one-day-password' });
  });
});
