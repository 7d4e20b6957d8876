import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { checkCodeIn, startSmtpServer } from './support/smtpServer.js';

const clockFile = join(mkdtempSync(join(tmpdir(), 'gcis-clock-')), 'now');
const setClock = (iso: string) => writeFileSync(clockFile, iso);

describe('one-day password over real SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: RunningServer;

  beforeAll(async () => {
    setClock('2026-11-27T02:00:00Z'); // 10:00 in Taipei
    smtp = await startSmtpServer();
    server = await startGcisServer(
      {
        mode: 'test',
        captchaPolicy: 'off',
        mail: {
          transport: 'smtp',
          from: 'GCIS <no-reply@gcis.test>',
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: false, user: '' },
        },
      },
      { GCIS_SERVER_TEST_CLOCK: clockFile },
    );
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  const enable = () => server.admin(['account', 'enable-one-day-password', 'alice']);
  const login = (checkCode: string) =>
    cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_CHECK_CODE: checkCode }).run([
      'login',
      '--method',
      'otp',
      '--non-interactive',
    ]);

  it('mails the check code by SMTP, and gcis logs in with it as a one-day-password session', async () => {
    setClock('2026-11-27T02:00:00Z');
    expect((await enable()).exitCode).toBe(0);
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['alice@example.com']);
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_CHECK_CODE: checkCodeIn(mail.raw) });
    expect((await user.run(['login', '--method', 'otp', '--non-interactive'])).exitCode).toBe(0);
    const status = JSON.parse((await user.run(['status', '--json'])).stdout);
    expect(status).toMatchObject({ account: 'alice', method: 'one-day-password' });
  });

  it('refuses the earlier code once a new one is issued', async () => {
    setClock('2026-11-27T03:00:00Z');
    await enable();
    const first = checkCodeIn(smtp.received.at(-1)!.raw);
    await enable();
    const second = checkCodeIn(smtp.received.at(-1)!.raw);
    const refused = await login(first);
    expect(refused.exitCode).toBe(4);
    expect(errorCode(refused)).toBe('ERR_LOGIN_FAILED');
    expect((await login(second)).exitCode).toBe(0);
  });

  it('refuses the code the next day in Taipei', async () => {
    setClock('2026-11-27T15:00:00Z'); // 23:00 in Taipei
    await enable();
    const code = checkCodeIn(smtp.received.at(-1)!.raw);
    expect((await login(code)).exitCode).toBe(0);
    setClock('2026-11-27T16:00:01Z'); // 00:00:01 the next day in Taipei
    const expired = await login(code);
    expect(expired.exitCode).toBe(4);
    expect(errorCode(expired)).toBe('ERR_CHECK_CODE_EXPIRED');
  });

  it('fails the command and leaves no code working when the SMTP server refuses the mail', async () => {
    setClock('2026-11-27T04:00:00Z');
    await enable();
    const earlier = checkCodeIn(smtp.received.at(-1)!.raw);
    smtp.refuseNextData();
    const failed = await enable();
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('(ERR_MAIL_FAILED)');
    const neverDelivered = checkCodeIn(smtp.refused.at(-1)!.raw);
    expect(errorCode(await login(neverDelivered))).toBe('ERR_LOGIN_FAILED'); // as for any wrong code: no oracle
    expect(errorCode(await login(earlier))).toBe('ERR_LOGIN_FAILED');
  });
});

describe('one-day password when SMTP is down', () => {
  it('fails the command with ERR_MAIL_FAILED and leaves no code', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const server = await startGcisServer({
      mail: {
        transport: 'smtp',
        from: 'GCIS <no-reply@gcis.test>',
        smtp: { host: '127.0.0.1', port: closed.port, secure: false, requireTLS: false, user: '' },
      },
    });
    try {
      const failed = await server.admin(['account', 'enable-one-day-password', 'alice']);
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toContain('(ERR_MAIL_FAILED)');
      const list = await server.admin(['account', 'list', '--json']);
      expect(list.exitCode).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('refuses the test clock on a production-mode data folder', async () => {
    await expect(startGcisServer({}, { GCIS_SERVER_TEST_CLOCK: clockFile })).rejects.toThrow(/ERR_USAGE/);
  });
});

describe('one-day password with the embedded outbox', () => {
  it('writes the mail as an .eml file and enrols TOTP from the one-day-password session', async () => {
    const server = await startGcisServer({ captchaPolicy: 'off' });
    try {
      await server.admin(['account', 'add', 'bob', '--name', 'Bob', '--email', 'bob@example.com', '--password-stdin'], demoPassword);
      const issued = JSON.parse((await server.admin(['account', 'enable-one-day-password', 'bob', '--json'])).stdout);
      expect(issued.mailLocation).toMatch(new RegExp(`^${server.dataDir}/outbox/.+\\.eml$`));
      const { readFileSync } = await import('node:fs');
      const code = checkCodeIn(readFileSync(issued.mailLocation, 'utf8'));

      const user = cliUser(server.url, { GCIS_ACCOUNT: 'bob', GCIS_PASSWORD: demoPassword, GCIS_CHECK_CODE: code });
      expect((await user.run(['login', '--method', 'otp'])).exitCode).toBe(0);
      const shown = await user.run(['totp', 'show', '--json', '--secret']);
      expect(shown.exitCode).toBe(0);
      const pending = JSON.parse(shown.stdout);
      expect(pending).toMatchObject({ version: 1, status: 'pending', uri: expect.stringContaining('GCIS:bob%20(v1)') });

      const { decodeTotpSecret, generateTotp } = await import('@gcis/core/totp');
      // The previous step's code (inside the ±1 window) leaves the current step free for the login below.
      const confirmCode = generateTotp({ secret: decodeTotpSecret(pending.secret), now: new Date(Date.now() - 30_000) });
      expect((await user.run(['totp', 'confirm', '--code', confirmCode])).exitCode).toBe(0);

      const totpUser = cliUser(server.url, { GCIS_ACCOUNT: 'bob', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: pending.secret });
      const totpLogin = await totpUser.run(['login', '--method', 'totp']);
      expect(totpLogin.exitCode).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
