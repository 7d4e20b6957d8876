import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '@gcis/core/i18n/terminal';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { serverBin } from './support/paths.js';

/** Han characters: present in every zh-TW message, absent from every English one. */
const han = /[\u3400-\u9fff]/;
const zh = { LANG: 'zh_TW.UTF-8' };
const english = { LANG: 'C' };
const code = (secret: string) => generateTotp({ secret: decodeTotpSecret(secret), now: new Date() });

describe('gcis in Traditional Chinese', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  it('says "not logged in" in zh-TW under LANG=zh_TW.UTF-8 and in English under LANG=C, with the same code and exit', async () => {
    const user = cliUser(server.url);
    const chinese = await user.run(['token'], { env: zh });
    const plain = await user.run(['token'], { env: english });
    for (const result of [chinese, plain]) {
      expect(result.exitCode).toBe(4);
      expect(errorCode(result)).toBe('ERR_NOT_LOGGED_IN');
    }
    expect(chinese.stderr).toMatch(han);
    expect(plain.stderr).not.toMatch(han);
  });

  it('follows LC_ALL over LANG, GCIS_LANG over LC_ALL and --lang over everything', async () => {
    const user = cliUser(server.url);
    const status = (env: Record<string, string>, args: string[] = []) => user.run(['status', ...args], { env });
    expect((await status({ LANG: 'zh_TW.UTF-8', LC_ALL: 'C' })).stderr).not.toMatch(han);
    expect((await status({ LANG: 'C', LC_MESSAGES: 'zh_TW.UTF-8' })).stderr).toMatch(han);
    expect((await status({ LC_ALL: 'C', GCIS_LANG: 'zh-Hant' })).stderr).toMatch(han);
    expect((await status({ GCIS_LANG: 'zh-TW' }, ['--lang', 'en'])).stderr).not.toMatch(han);
    const chosen = await status({ LANG: 'C' }, ['--lang', 'zh-TW']);
    expect(chosen.stderr).toMatch(han);
    expect(errorCode(chosen)).toBe('ERR_NOT_LOGGED_IN');
  });

  it('translates the server’s refusal by its code, which stays the same', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'not the password' };
    const chinese = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', code(server.secret)], { env: zh });
    const plain = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', code(server.secret)], { env: english });
    expect([errorCode(chinese), chinese.exitCode]).toEqual(['ERR_LOGIN_FAILED', 4]);
    expect([errorCode(plain), plain.exitCode]).toEqual(['ERR_LOGIN_FAILED', 4]);
    expect(chinese.stderr.trim().split('\n').at(-1)).toMatch(han);
    expect(plain.stderr).not.toMatch(han);
  });

  it('says a usage error in zh-TW, exit 2 and ERR_USAGE as in English', async () => {
    const user = cliUser(server.url);
    const chinese = await user.run(['login', '--acount', 'alice'], { env: zh });
    const plain = await user.run(['login', '--acount', 'alice'], { env: english });
    for (const result of [chinese, plain]) expect([errorCode(result), result.exitCode]).toEqual(['ERR_USAGE', 2]);
    expect(chinese.stderr).toMatch(han);
    expect(chinese.stderr).toContain('--acount');
    expect(plain.stderr).not.toMatch(han);
  });

  it('names what is missing in zh-TW without a terminal, keeping flag names as typed', async () => {
    const result = await cliUser(server.url).run(['login', '--method', 'totp'], { env: zh });
    expect([errorCode(result), result.exitCode]).toEqual(['ERR_MISSING_INPUT', 2]);
    expect(result.stderr).toMatch(han);
    expect(result.stderr).toContain('--account');
  });

  it('shows help in zh-TW, headings included, and in English otherwise', async () => {
    const user = cliUser(server.url);
    for (const args of [['--help'], ['login', '--help'], ['card', 'list', '--help'], ['help', 'totp']]) {
      const chinese = await user.run(args, { env: zh });
      expect(chinese.exitCode).toBe(0);
      expect(chinese.stdout).toMatch(han);
      expect(chinese.stdout).not.toMatch(/^(Usage|Options|Commands):/m);
      const plain = await user.run(args, { env: english });
      expect(plain.stdout).toMatch(/^Usage:/m);
      // English keeps only the portal's own names (商工入口網, 自然人憑證) as glosses
      const hanCount = (text: string) => text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
      expect(hanCount(plain.stdout)).toBeLessThan(hanCount(chinese.stdout) / 10);
    }
  });

  it('has gcis-server say a refused administrator command in zh-TW, with the same code and exit', async () => {
    const chinese = await server.admin(['account', 'unlock', 'nobody', '--lang', 'zh-TW']);
    const plain = await server.admin(['account', 'unlock', 'nobody']);
    for (const result of [chinese, plain]) {
      expect(result.exitCode).toBe(1);
      expect(result.stderr.trim()).toMatch(/\(ERR_NO_ACCOUNT\)$/);
    }
    expect(chinese.stderr).toMatch(han);
    expect(plain.stderr).not.toMatch(han);
    // what it tells on success is in the reader's language too
    const unlocked = await execa('node', [serverBin, 'account', 'unlock', 'alice', '--data', server.dataDir], { env: { ...zh, PATH: process.env.PATH ?? '' }, extendEnv: false, reject: false });
    expect(unlocked.exitCode).toBe(0);
    expect(unlocked.stderr).toMatch(han);
  });

  it('shows gcis-server help in zh-TW under LANG=zh_TW.UTF-8', async () => {
    const run = (env: Record<string, string>) =>
      execa('node', [serverBin, 'account', 'add', '--help'], { env: { ...env, PATH: process.env.PATH ?? '' }, extendEnv: false, reject: false });
    const chinese = await run(zh);
    expect(chinese.exitCode).toBe(0);
    expect(chinese.stdout).toMatch(han);
    expect(chinese.stdout).not.toMatch(/^(Usage|Options|Examples):/m);
    expect((await run(english)).stdout).toMatch(/^Usage:/m);
  });

  it('lines up `gcis status` in display columns under zh-TW labels', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret });
    expect((await user.run(['login', '--method', 'totp'], { env: zh })).exitCode).toBe(0);
    const status = await user.run(['status'], { env: zh });
    expect(status.exitCode).toBe(0);
    const lines = status.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(status.stdout).toContain('王小明');
    // each value starts after the label and its padding: the same terminal column on every line
    const valueColumns = lines.map((line) => displayWidth(/^\S+\s+/.exec(line)![0]));
    expect(new Set(valueColumns)).toEqual(new Set([valueColumns[0]]));
    expect(lines[0]).toMatch(han);
  });
});
