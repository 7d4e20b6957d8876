import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin } from './support/paths.js';
import { oneDayPasswordAtTerminal } from './support/oneDayPasswordAtTerminal.js';
import { checkCodeIn } from './support/smtpServer.js';
import { startInTmux } from './support/tmux.js';

const escape = /\x1b\[[0-9;]*m/;

// NO_COLOR (https://no-color.org) and FORCE_COLOR, read in one place (packages/cli/src/output/colour.ts).
describe('gcis colours only where it should', () => {
  let server: RunningServer;
  let checkCode: string;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
    // One check code serves every login of the day, where TOTP would refuse a code used twice.
    const issued = JSON.parse((await expectOk(server.admin(['account', 'enable-one-day-password', 'alice', '--json']))).stdout);
    checkCode = checkCodeIn(readFileSync(issued.mailLocation, 'utf8'));
  });
  afterAll(() => server.stop());
  const loginEnv = () => ({ GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_CHECK_CODE: checkCode });

  async function loginInTmux(env: Record<string, string>): Promise<string> {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-colour-'));
    const terminal = startInTmux(['node', cliBin, 'login', '--method', 'otp'], {
      GCIS_SERVER: server.url,
      GCIS_CONFIG_DIR: configDir,
      HOME: configDir,
      ...loginEnv(),
      ...env,
    });
    try {
      expect(await terminal.exitCode()).toBe(0);
      return terminal.screenWithEscapes().split('\n').find((line) => line.includes('Logged in'))!;
    } finally {
      terminal.kill();
    }
  }

  it('colours the success mark on a terminal', async () => {
    expect(await loginInTmux({})).toMatch(escape);
  });

  it('writes no colour on a terminal with NO_COLOR=1', async () => {
    const line = await loginInTmux({ NO_COLOR: '1' });
    expect(line).toContain('Logged in');
    expect(line).not.toMatch(escape);
  });

  it('draws the prompts without colour under NO_COLOR=1, and with colour without it', async () => {
    for (const [env, coloured] of [[{ NO_COLOR: '1' }, false], [{}, true]] as const) {
      const terminal = await oneDayPasswordAtTerminal(server.url, env);
      try {
        terminal.type(checkCode);
        terminal.send('Enter');
        expect(await terminal.exitCode()).toBe(0);
        const screen = terminal.screenWithEscapes();
        if (coloured) expect(screen).toMatch(escape);
        else expect(screen).not.toMatch(escape);
      } finally {
        terminal.kill();
      }
    }
  });

  it('writes no colour on a terminal with FORCE_COLOR=0', async () => {
    expect(await loginInTmux({ FORCE_COLOR: '0' })).not.toMatch(escape);
  });

  it('colours into a pipe only with FORCE_COLOR=1, and never with NO_COLOR too', async () => {
    const user = cliUser(server.url, loginEnv());
    expect((await expectOk(user.run(['login', '--method', 'otp']))).stderr).not.toMatch(escape);
    const forced = await expectOk(user.run(['login', '--method', 'otp'], { env: { FORCE_COLOR: '1' } }));
    expect(forced.stderr).toMatch(escape);
    const both = await expectOk(user.run(['login', '--method', 'otp'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }));
    expect(both.stderr).toContain('Logged in');
    expect(both.stderr).not.toMatch(escape);
  });
});
