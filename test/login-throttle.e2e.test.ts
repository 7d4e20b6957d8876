import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import type { ServerConfig } from '@gcis/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFromHash } from '../packages/server/src/testing/solveCaptcha.js';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { postFrom, type JsonReply } from './support/httpFrom.js';
import { makeTestCard, type TestCardFolder } from './support/testCard.js';

// The password-login throttle attacked over real HTTP: a real gcis-server process, requests from
// distinct loopback addresses (127.0.0.x), the server's test clock moved instead of sleeping, and
// the server's own log ("password-login" lines) counting the guesses whose password was checked.
const noRateLimit = { rateLimit: { max: 1_000_000, windowSeconds: 60 } };
const attacker = '127.0.0.1';
const owner = '127.0.0.2';
const wrong = { account: 'alice', password: 'wrong password', code: '000000' };

function testClock(start: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'gcis-clock-')), 'now');
  let now = new Date(start).getTime();
  const write = () => writeFileSync(file, new Date(now).toISOString());
  write();
  return {
    file,
    now: () => new Date(now),
    advance: (seconds: number) => {
      now += seconds * 1000;
      write();
    },
  };
}

const codeOf = (reply: JsonReply) => (reply.status === 200 ? 'ok' : (reply.body.error?.code as string));
/** Guesses of `source` whose password the server checked (not refused by the throttle first). */
const evaluated = (server: RunningServer, source: string) =>
  server.logLines().filter((line) => line.event === 'password-login' && line.source === source && line.outcome !== 'throttled').length;

function captchaAnswer(server: RunningServer, id: string): string {
  const db = new Database(join(server.dataDir, 'gcis.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT answer_hash FROM captchas WHERE id = ?').get(id) as { answer_hash: string };
    return answerFromHash(id, row.answer_hash);
  } finally {
    db.close();
  }
}

async function solvedCaptcha(server: RunningServer) {
  const { body } = await postFrom(server.url, '/v1/captcha', {});
  return { id: body.id as string, answer: captchaAnswer(server, body.id) };
}

/**
 * A real gcis-server on a test clock, logging at info, for one describe block: `right()` is
 * alice's right TOTP login at the clock, `totp(body, from)` posts a login from a local address.
 */
function serverOnTestClock(config: Partial<ServerConfig>) {
  const clock = testClock('2026-11-27T02:00:10Z');
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startGcisServer({ mode: 'test', ...noRateLimit, ...config }, { GCIS_SERVER_TEST_CLOCK: clock.file }, { startArgs: ['--log-level', 'info'] });
  }, 60_000);
  afterAll(() => server?.stop());
  const current = () => server!;
  return {
    clock,
    current,
    right: () => ({ account: 'alice', password: demoPassword, code: generateTotp({ secret: decodeTotpSecret(current().secret), now: clock.now() }) }),
    totp: (body: unknown, from: string) => postFrom(current().url, '/v1/login/totp', body, from),
  };
}

describe('password-login throttle, captcha off, against a real gcis-server', () => {
  const { clock, right, totp, current } = serverOnTestClock({ captchaPolicy: 'off' });

  it('checks at most 10 of a burst of 100 concurrent guesses from one address and refuses the right login sent among them', async () => {
    const bodies = Array.from({ length: 100 }, (_, index) => (index === 50 ? right() : wrong));
    const replies = await Promise.all(bodies.map((body) => totp(body, attacker)));
    expect(new Set(replies.map(codeOf))).toEqual(new Set(['ERR_LOGIN_FAILED']));
    expect(new Set(replies.map((reply) => JSON.stringify(reply.body))).size).toBe(1);
    expect(evaluated(current(), attacker)).toBe(10);
  });

  it('lets the owner in from another address while that one is locked', async () => {
    expect(codeOf(await totp(right(), owner))).toBe('ok');
  });

  it('refuses the right login while locked and takes it once the lock has passed', async () => {
    clock.advance(30); // a new TOTP step; the lock (60 s) still holds
    expect(codeOf(await totp(right(), attacker))).toBe('ERR_LOGIN_FAILED');
    clock.advance(30);
    expect(codeOf(await totp(right(), attacker))).toBe('ok');
  });

  it('is reset by `gcis-server account unlock`', async () => {
    const source = '127.0.0.4';
    for (let n = 0; n < 10; n++) await totp(wrong, source);
    clock.advance(30);
    expect(codeOf(await totp(right(), source))).toBe('ERR_LOGIN_FAILED');
    await expectOk(current().admin(['account', 'unlock', 'alice']));
    expect(codeOf(await totp(right(), source))).toBe('ok');
  });

  it('has gcis exit 4 with ERR_LOGIN_FAILED and point at certificate and push login on stderr', async () => {
    const user = cliUser(current().url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'wrong password', GCIS_TOTP_SECRET: current().secret });
    const result = await user.run(['login', '--method', 'totp', '--non-interactive']);
    expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_LOGIN_FAILED']);
    expect(result.stderr).toContain('gcis login --method cert');
    expect(result.stdout).toBe('');
  });
});

describe('password-login throttle with the captcha on risk, against a real gcis-server', () => {
  const { clock, right, totp, current } = serverOnTestClock({ captchaPolicy: 'on-risk' });

  it('checks at most 3 of a burst of 100 concurrent guesses before asking for a captcha', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => totp(wrong, attacker)));
    const codes = replies.map(codeOf);
    expect(codes.filter((code) => code === 'ERR_LOGIN_FAILED')).toHaveLength(3);
    expect(codes.filter((code) => code === 'ERR_CAPTCHA_REQUIRED')).toHaveLength(97);
    expect(evaluated(current(), attacker)).toBe(3);
  });

  it('lets the owner in from another address, past the captcha, while the attacking one is locked', async () => {
    for (let n = 3; n < 10; n++) expect(codeOf(await totp({ ...wrong, captcha: await solvedCaptcha(current()) }, attacker))).toBe('ERR_LOGIN_FAILED');
    expect(codeOf(await totp({ ...right(), captcha: await solvedCaptcha(current()) }, attacker))).toBe('ERR_LOGIN_FAILED');
    expect(evaluated(current(), attacker)).toBe(10);

    expect(codeOf(await totp(right(), owner))).toBe('ERR_CAPTCHA_REQUIRED');
    const login = await totp({ ...right(), captcha: await solvedCaptcha(current()) }, owner);
    expect(codeOf(login)).toBe('ok');
    expect(login.body.token).toMatch(/^gcis_/);
  });

  it('locks for longer (5 min) after a wrong guess once the lock has passed, and forgets it all a window (1 h) later', async () => {
    clock.advance(60); // the first lock (1 min) is over: one more guess is checked, and locks again
    expect(codeOf(await totp({ ...wrong, captcha: await solvedCaptcha(current()) }, attacker))).toBe('ERR_LOGIN_FAILED');
    clock.advance(299);
    expect(codeOf(await totp({ ...right(), captcha: await solvedCaptcha(current()) }, attacker))).toBe('ERR_LOGIN_FAILED');
    expect(evaluated(current(), attacker)).toBe(11);
    clock.advance(3599 - 299);
    expect(codeOf(await totp(right(), attacker))).toBe('ERR_CAPTCHA_REQUIRED');
    clock.advance(1);
    expect(codeOf(await totp(right(), attacker))).toBe('ok');
  });
});

describe('certificate login while password logins are locked, against a real gcis-server', () => {
  const pin = '73059148';
  let card: TestCardFolder;
  let server: RunningServer;

  beforeAll(async () => {
    card = await makeTestCard('valid', { pin });
    server = await startGcisServer({ captchaPolicy: 'off', ...noRateLimit }, {}, {
      startArgs: ['--log-level', 'info'],
      beforeStart: async (admin) => {
        const { root, intermediate, rootCrl, intermediateCrl, citizen } = card.files;
        for (const args of [['trust', 'add', root], ['trust', 'add', intermediate], ['crl', 'add', rootCrl], ['crl', 'add', intermediateCrl], ['account', 'bind-cert', 'alice', citizen]]) {
          await expectOk(admin(args));
        }
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
  });

  it('logs in with the card after 100 failures from 10 addresses have locked the password logins of the account', async () => {
    const sources = Array.from({ length: 10 }, (_, index) => `127.0.1.${index + 1}`);
    await Promise.all(sources.flatMap((source) => Array.from({ length: 10 }, () => postFrom(server.url, '/v1/login/totp', wrong, source))));
    const code = generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date() });
    const password = await postFrom(server.url, '/v1/login/totp', { account: 'alice', password: demoPassword, code }, owner);
    expect(codeOf(password)).toBe('ERR_LOGIN_FAILED');
    expect(server.logLines().filter((line) => line.event === 'password-login').at(-1)).toMatchObject({ source: owner, outcome: 'throttled' });

    const user = cliUser(server.url, { ...card.env, GCIS_PIN: pin });
    const login = await user.run(['login', '--method', 'cert']);
    expect(login.exitCode, login.stderr).toBe(0);
    expect(JSON.parse((await user.run(['status', '--json'])).stdout)).toMatchObject({ account: 'alice', method: 'certificate' });
  });
});
