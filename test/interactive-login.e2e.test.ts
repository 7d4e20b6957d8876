import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captchaAnswerFromFile } from '../packages/server/src/testing/solveCaptcha.js';
import { cliUser } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin } from './support/paths.js';
import { startInTmux } from './support/tmux.js';

describe('gcis login at a real terminal', () => {
  let server: RunningServer;
  // The server (test mode) writes each captcha's answer here: the test plays a person who reads it.
  const captchaAnswers = join(mkdtempSync(join(tmpdir(), 'gcis-tty-captcha-')), 'answers');
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'always', mode: 'test' }, { GCIS_SERVER_TEST_CAPTCHA_ANSWERS: captchaAnswers });
  });
  afterAll(() => server.stop());

  it('picks the method, masks the password, draws the captcha and logs in', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-'));
    const terminal = startInTmux(['node', cliBin, 'login'], { GCIS_SERVER: server.url, GCIS_CONFIG_DIR: configDir, HOME: configDir });
    try {
      await terminal.waitFor(/How do you want to log in\?/);
      expect(terminal.screen()).toMatch(/One-day password/);
      terminal.send('Enter'); // the first choice: Google Authenticator
      await terminal.waitFor(/Account/);
      terminal.type('alice');
      terminal.send('Enter');
      await terminal.waitFor(/Password/);
      terminal.type(demoPassword);
      terminal.send('Enter');
      await terminal.waitFor(/Code from your authenticator app/);
      expect(terminal.screen()).not.toContain(demoPassword);
      terminal.type(generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date() }));
      terminal.send('Enter');

      await terminal.waitFor(/Captcha/);
      expect(terminal.screen()).toMatch(/[▀▄▌▐▖▗▘▝▚▞▙▛▜▟█]{3}/); // the captcha image, drawn with quadrant blocks
      terminal.type(captchaAnswerFromFile(captchaAnswers).toLowerCase()); // as people type it
      terminal.send('Enter');

      expect(await terminal.exitCode()).toBe(0);
      expect(terminal.screen()).toMatch(/Logged in to .* as alice \(totp\)/);
    } finally {
      terminal.kill();
    }
    const status = await cliUser(server.url, { GCIS_CONFIG_DIR: configDir }).run(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ account: 'alice', method: 'totp' });
  });

  it('exits 130 and saves nothing when Ctrl-C ends the password prompt', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-'));
    const terminal = startInTmux(['node', cliBin, 'login', '--method', 'totp', '--account', 'alice'], {
      GCIS_SERVER: server.url,
      GCIS_CONFIG_DIR: configDir,
    });
    try {
      await terminal.waitFor(/Password/);
      terminal.send('C-c');
      expect(await terminal.exitCode()).toBe(130);
    } finally {
      terminal.kill();
    }
    const token = await cliUser(server.url, { GCIS_CONFIG_DIR: configDir }).run(['token']);
    expect(token.exitCode).toBe(4);
  });
});
