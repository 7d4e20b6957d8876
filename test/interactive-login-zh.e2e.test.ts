import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '@gcis/core/i18n/terminal';
import { captchaAnswerFromFile } from '../packages/server/src/testing/solveCaptcha.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin } from './support/paths.js';
import { startInTmux } from './support/tmux.js';

const han = /[\u3400-\u9fff]/;
/** Each wait on the screen: generous, as CI shares two cores among parallel real-process tests. */
const slow = 45_000;

/**
 * The terminal column where the second column of a picker line begins: after the cursor, the
 * method's name and the padding (two or more spaces) that follows it.
 */
function secondColumn(line: string): number {
  const match = /^(.*?\S)( {2,})\S/.exec(line.trimEnd());
  if (!match) throw new Error(`no second column in: ${line}`);
  return displayWidth(match[1]! + match[2]!);
}

describe('gcis login at a real terminal, in Traditional Chinese', () => {
  let server: RunningServer;
  const captchaAnswers = join(mkdtempSync(join(tmpdir(), 'gcis-tty-zh-captcha-')), 'answers');
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'always', mode: 'test' }, { GCIS_SERVER_TEST_CAPTCHA_ANSWERS: captchaAnswers });
  });
  afterAll(() => server.stop());

  it('asks in zh-TW, lines up the method picker in display columns and logs in', { timeout: 240_000 }, async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-zh-'));
    const terminal = startInTmux(['node', cliBin, 'login'], {
      GCIS_SERVER: server.url,
      GCIS_CONFIG_DIR: configDir,
      HOME: configDir,
      LANG: 'zh_TW.UTF-8',
    });
    try {
      // the picker: four methods, names of different display widths (TOTP in ASCII, 一日密碼 wide)
      await terminal.waitFor(/行動自然人憑證/, slow);
      const screen = terminal.screen();
      const lines = screen.split('\n').filter((line) => /TOTP|一日密碼|自然人憑證/.test(line));
      expect(lines).toHaveLength(4);
      const columns = lines.map(secondColumn);
      expect(new Set(columns), screen).toEqual(new Set([columns[0]]));
      // padding by string length would not line these up: the names mix wide and narrow characters
      const byLength = lines.map((line) => /^(.*?\S {2,})\S/.exec(line)![1]!.length);
      expect(new Set(byLength).size).toBeGreaterThan(1);

      terminal.send('Enter'); // the first choice: Google Authenticator
      await terminal.waitFor(/帳號/, slow);
      terminal.type('alice');
      terminal.send('Enter');
      await terminal.waitFor(/密碼/, slow);
      terminal.type(demoPassword);
      terminal.send('Enter');
      await terminal.waitFor(/驗證器 App/, slow);
      expect(terminal.screen()).not.toContain(demoPassword);
      terminal.type(generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date() }));
      terminal.send('Enter');

      await terminal.waitFor(/驗證碼（/, slow);
      expect(terminal.screen()).toMatch(/[▀▄▌▐▖▗▘▝▚▞▙▛▜▟█]{3}/);
      terminal.type(captchaAnswerFromFile(captchaAnswers).toLowerCase());
      terminal.send('Enter');

      expect(await terminal.exitCode(slow)).toBe(0);
      const done = terminal.screen().split('\n').find((line) => line.includes('alice') && line.includes('totp'));
      expect(done).toMatch(han);
    } finally {
      terminal.kill();
    }

    // `gcis status` on the same terminal: labels of different widths (伺服器, 帳號, 登入方式), values in one column
    const status = startInTmux(['node', cliBin, 'status'], { GCIS_SERVER: server.url, GCIS_CONFIG_DIR: configDir, HOME: configDir, LANG: 'zh_TW.UTF-8' });
    try {
      expect(await status.exitCode(slow)).toBe(0);
      const lines = status.screen().split('\n').filter((line) => /^\S+ {2,}\S/.test(line));
      expect(lines).toHaveLength(5);
      expect(lines.join('\n')).toContain('王小明');
      const columns = lines.map((line) => displayWidth(/^\S+ {2,}/.exec(line)![0]));
      expect(new Set(columns), lines.join('\n')).toEqual(new Set([columns[0]]));
    } finally {
      status.kill();
    }
  });

  it('refuses a login that needs a captcha without a terminal, in zh-TW, with the same code', { timeout: 120_000 }, async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-zh-'));
    const env = { GCIS_SERVER: server.url, GCIS_CONFIG_DIR: configDir, HOME: configDir, LANG: 'zh_TW.UTF-8' };
    const login = startInTmux(['node', cliBin, 'login', '--method', 'totp', '--non-interactive'], {
      ...env,
      GCIS_ACCOUNT: 'alice',
      GCIS_PASSWORD: demoPassword,
      GCIS_TOTP_SECRET: server.secret,
    });
    try {
      // captcha policy "always" and no prompts allowed: refused with its code, message in zh-TW
      expect(await login.exitCode(slow)).toBe(4);
      expect(login.screen()).toMatch(/ERR_CAPTCHA_REQUIRED/);
      expect(login.screen().split('\n').find((line) => line.includes('ERR_CAPTCHA_REQUIRED'))).toMatch(han);
    } finally {
      login.kill();
    }
  });
});
