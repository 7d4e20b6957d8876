import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateLoginUntil } from './support/certificateLogin.js';
import { errorCode } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { serverBin } from './support/paths.js';
import { makeTestCard, type TestCardFolder } from './support/testCard.js';

// `gcis-server` administration against real processes: one clear line with a stable code and the
// documented exit code for every refusal, two processes racing for the same account, and changes
// reaching a server that is already running.
const pin = '40718263';
const bobId = 'A123456789';

let server: RunningServer;
let card: TestCardFolder;

beforeAll(async () => {
  [server, card] = await Promise.all([
    startGcisServer({ captchaPolicy: 'off' }, {}, {
      beforeStart: async (admin) => {
        await expectOk(admin(['account', 'add', 'bob', '--name', 'Bob', '--email', 'bob@example.com', '--national-id', bobId, '--password-stdin'], demoPassword));
      },
    }),
    makeTestCard('valid', { pin }),
  ]);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
});

const addArgs = (account: string, { email = `${account}@example.com`, nationalId }: { email?: string; nationalId?: string } = {}) => [
  'account', 'add', account, '--name', account, '--email', email, '--password-stdin', ...(nationalId ? ['--national-id', nationalId] : []),
];
const accounts = async () => (JSON.parse((await expectOk(server.admin(['account', 'list', '--json']))).stdout) as Array<{ account: string }>).map((a) => a.account).sort();

/** One line on stderr, ending in the code, and no stack trace. */
function expectOneLine(result: { stderr: string }) {
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^gcis-server: .+ \(ERR_[A-Z0-9_]+\)$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

/** A valid citizen ID `A1` + seven digits + the check digit (packages/core/src/id/validateNationalId.ts). */
function citizenId(sevenDigits: string): string {
  const digits = [1, 0, 1, ...sevenDigits.split('').map(Number)];
  const sum = digits.reduce((total, digit, index) => total + digit * [1, 9, 8, 7, 6, 5, 4, 3, 2, 1][index]!, 0);
  return `A1${sevenDigits}${(10 - (sum % 10)) % 10}`;
}

describe('gcis-server account add refuses what is taken, with a code and exit 1', () => {
  it.each([
    ['the account name', addArgs('alice', { email: 'other@example.com' }), 'ERR_ACCOUNT_EXISTS'],
    ['the account name in other case', addArgs('ALICE', { email: 'other@example.com' }), 'ERR_ACCOUNT_EXISTS'],
    ['the national ID', addArgs('carol', { nationalId: bobId }), 'ERR_NATIONAL_ID_TAKEN'],
    ['the national ID in lower case', addArgs('carol', { nationalId: bobId.toLowerCase() }), 'ERR_NATIONAL_ID_TAKEN'],
    ['the e-mail address', addArgs('carol', { email: 'alice@example.com' }), 'ERR_EMAIL_TAKEN'],
    ['the e-mail address in other case', addArgs('carol', { email: 'Alice@EXAMPLE.com' }), 'ERR_EMAIL_TAKEN'],
  ])('%s', async (_what, args, code) => {
    const before = await accounts();
    const result = await server.admin(args, demoPassword);
    expect([result.exitCode, errorCode(result)], result.stderr).toEqual([1, code]);
    expectOneLine(result);
    expect(await accounts()).toEqual(before);
  });

  it('adds an account whose name, national ID and e-mail are all free', async () => {
    await expectOk(server.admin(addArgs('dave', { nationalId: citizenId('2345670') }), demoPassword));
    expect(await accounts()).toContain('dave');
  });
});

describe('gcis-server refuses bad input with exit 2', () => {
  it.each([
    ['a national ID with a wrong check digit', addArgs('erin', { nationalId: 'A123456788' }), 'ERR_INVALID_NATIONAL_ID'],
    ['an e-mail that is not one', addArgs('erin', { email: 'erin' }), 'ERR_INVALID_INPUT'],
    ['an account name with a space', addArgs('erin smith'), 'ERR_INVALID_INPUT'],
    ['a short password', addArgs('erin'), 'ERR_PASSWORD_POLICY', 'short'],
    ['no --password-stdin', ['account', 'add', 'erin', '--name', 'Erin', '--email', 'erin@example.com'], 'ERR_USAGE'],
    ['an unknown option', [...addArgs('erin'), '--colour'], 'ERR_USAGE'],
    ['an unknown command', ['account', 'remove', 'alice'], 'ERR_USAGE'],
    ['a missing argument', ['account', 'unlock'], 'ERR_USAGE'],
    ['a file that is not there', ['trust', 'add', '/nonexistent/root.pem'], 'ERR_USAGE'],
  ])('%s', async (_what, args, code, input = demoPassword) => {
    const result = await server.admin(args, input);
    expect([result.exitCode, errorCode(result)], result.stderr).toEqual([2, code]);
    expectOneLine(result);
    expect(await accounts()).not.toContain('erin');
  });
});

it('says which folder is not a data folder (ERR_DATA_DIR, exit 1)', async () => {
  const result = await execa('node', [serverBin, 'account', 'list', '--data', join(mkdtempSync(join(tmpdir(), 'gcis-none-')), 'data')], { reject: false });
  const stderr = String(result.stderr);
  expect([result.exitCode, /\((ERR_[A-Z_]+)\)$/.exec(stderr.trim())?.[1]], stderr).toEqual([1, 'ERR_DATA_DIR']);
  expectOneLine({ stderr });
});

describe('every account command refuses an unknown account (ERR_NO_ACCOUNT, exit 1) and changes nothing', () => {
  const commands = (account: string): Array<[string, string[]]> => [
    ['unlock', ['account', 'unlock', account]],
    ['totp', ['account', 'totp', account, '--json']],
    ['enable-one-day-password', ['account', 'enable-one-day-password', account]],
    ['disable-one-day-password', ['account', 'disable-one-day-password', account]],
    ['bind-cert', ['account', 'bind-cert', account, card.files.citizen]],
  ];
  // 'alicf' differs from alice by one letter; 'alice ' by a trailing space.
  it.each(['nobody', 'alicf', 'alice '])('for the account %j', async (account) => {
    for (const [name, args] of commands(account)) {
      const result = await server.admin(args);
      expect([name, result.exitCode, errorCode(result)], result.stderr).toEqual([name, 1, 'ERR_NO_ACCOUNT']);
      expectOneLine(result);
      expect(result.stdout).toBe('');
    }
    expect(await accounts()).not.toContain(account);
  });
});

describe('two administrators adding the same thing at once', () => {
  it.each([
    ['national ID', 'ERR_NATIONAL_ID_TAKEN', (round: number) => [addArgs(`twin${round}a`, { nationalId: citizenId(`30000${round}0`) }), addArgs(`twin${round}b`, { nationalId: citizenId(`30000${round}0`) })]],
    ['account name', 'ERR_ACCOUNT_EXISTS', (round: number) => [addArgs(`same${round}`, { email: `s${round}a@example.com` }), addArgs(`SAME${round}`, { email: `s${round}b@example.com` })]],
    ['e-mail address', 'ERR_EMAIL_TAKEN', (round: number) => [addArgs(`mail${round}a`, { email: `m${round}@example.com` }), addArgs(`mail${round}b`, { email: `M${round}@example.com` })]],
  ] as const)('exactly one wins the %s; the other gets %s', async (_what, code, argsFor) => {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(argsFor(round).map((args) => server.admin([...args], demoPassword)));
      const exits = results.map((r) => r.exitCode).sort();
      expect(exits, results.map((r) => r.stderr).join('')).toEqual([0, 1]);
      const loser = results.find((r) => r.exitCode === 1)!;
      expect(errorCode(loser)).toBe(code);
      expectOneLine(loser);
    }
  }, 120_000);
});

describe('changes reach the running server at once', () => {
  const loginUntil = (done: (outcome: string) => boolean, deadlineMs: number) => certificateLoginUntil(server.url, card, done, deadlineMs);

  it('trust add, then crl add: a certificate login works within 2 s of each, long before the 60 s folder scan', async () => {
    const { root, intermediate, rootCrl, intermediateCrl, citizen } = card.files;
    // The server started trusting no CA: refused.
    expect((await loginUntil(() => true, 0)).outcome).toBe('ERR_CERT_UNTRUSTED');

    await expectOk(server.admin(['trust', 'add', root]));
    await expectOk(server.admin(['trust', 'add', intermediate]));
    await expectOk(server.admin(['account', 'bind-cert', 'alice', citizen]));
    // Trusted now, but no CRL yet: certificate login fails closed.
    const trusted = await loginUntil((outcome) => outcome !== 'ERR_CERT_UNTRUSTED', 2000);
    expect(trusted.outcome, trusted.seen.join(' ')).toBe('ERR_CRL_MISSING');

    await expectOk(server.admin(['crl', 'add', rootCrl]));
    await expectOk(server.admin(['crl', 'add', intermediateCrl]));
    const loggedIn = await loginUntil((outcome) => outcome.startsWith('ok:'), 2000);
    expect(loggedIn.outcome, loggedIn.seen.join(' ')).toBe('ok:alice');
    expect(loggedIn.elapsedMs).toBeLessThan(2000);
  }, 60_000);
});
