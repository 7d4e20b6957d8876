import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { defaultConfig } from '@gcis/server';
import { createTestCard, type TestCard } from '@gcis/core/smartcard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin, serverBin } from './support/paths.js';
import { cardCaFiles, phoneUser, startPushLogin } from './support/pushLogin.js';
import { startFaultyProxy, type FaultyProxy } from '../packages/server/src/testing/faultyProxy.js';
import { startInTmux } from './support/tmux.js';

// Citizens whose IDs end in 6789, as the test card's certificate says; each has an account.
const mei = 'A123456789';
const kai = 'B211486789';
const lin = 'B214816789'; // an account, but no phone bound
const yun = 'B221106789';
const ana = 'AC00016789'; // an old-style resident number (統一證號), ending in 6789 too
const push = { ...defaultConfig.push, pollIntervalSeconds: 0.2, lifetimeSeconds: 30 };

let card: TestCard;
let caFiles: ReturnType<typeof cardCaFiles>;
let server: RunningServer;
let clockFile: string;
// The server reads the file at every request: replace it whole, never truncate it in place.
const setClock = (at: Date) => {
  writeFileSync(`${clockFile}.tmp`, at.toISOString());
  renameSync(`${clockFile}.tmp`, clockFile);
};
const addAccount = (admin: RunningServer['admin'], account: string, nationalId: string) =>
  expectOk(admin(['account', 'add', account, '--name', '王小明', '--email', `${account}@example.com`, '--national-id', nationalId, '--password-stdin'], demoPassword));

beforeAll(async () => {
  card = await createTestCard();
  caFiles = cardCaFiles(card);
  clockFile = join(mkdtempSync(join(tmpdir(), 'gcis-clock-')), 'now');
  setClock(new Date());
  server = await startGcisServer({ captchaPolicy: 'off', mode: 'test', push }, { GCIS_SERVER_TEST_CLOCK: clockFile }, {
    startArgs: ['--fido-emulator', '--fido-card-ca', caFiles.root],
    beforeStart: async (admin) => {
      for (const [account, id] of [['mei', mei], ['kai', kai], ['lin', lin], ['yun', yun], ['ana', ana]] as const) await addAccount(admin, account, id);
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await card?.destroy();
});
beforeEach(() => setClock(new Date()));

describe('push login with gcis-server --fido-emulator, the phone simulator and gcis', () => {
  const meiPhone = () => phones.mei!;
  const phones: Record<string, ReturnType<typeof phoneUser>> = {};

  beforeAll(async () => {
    for (const [name, id] of [['mei', mei], ['kai', kai], ['yun', yun], ['ana', ana]] as const) {
      phones[name] = phoneUser(card);
      const bound = await phones[name].run(['bind', '--national-id', id, '--emulator', `${server.url}/fido-emulator`, '--card-chain', caFiles.intermediate]);
      expect(bound.exitCode, bound.stderr).toBe(0);
    }
  });

  it('logs in once the phone approves with the match code, and the session works', async () => {
    const login = startPushLogin(server.url, mei);
    const approve = await meiPhone().run(['approve', '--auto-approve', await login.matchCode, '--wait', '10']);
    expect(approve.exitCode, approve.stderr).toBe(0);
    expect(approve.stderr).toMatch(/gcis 商工入口網 asks you to sign to log in for A12\*\*\*\*789/);
    const result = await login.result;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Logged in to .* as mei \(push\)/);
    const status = await execa('node', [cliBin, 'status', '--json'], { env: { GCIS_CONFIG_DIR: login.configDir, GCIS_SERVER: server.url }, reject: false });
    expect(JSON.parse(String(status.stdout))).toMatchObject({ account: 'mei', method: 'push', tokenSource: 'store' });
  });

  it('logs in a holder of an old-style resident number, given in lower case', async () => {
    const login = startPushLogin(server.url, ana.toLowerCase());
    const approve = await phones.ana!.run(['approve', '--auto-approve', await login.matchCode, '--wait', '10']);
    expect(approve.exitCode, approve.stderr).toBe(0);
    const result = await login.result;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/as ana \(push\)/);
  });

  it('is rejected (exit 4) when the phone denies', async () => {
    const login = startPushLogin(server.url, mei);
    await login.matchCode;
    expect((await meiPhone().run(['deny', '--wait', '10'])).exitCode).toBe(0);
    const result = await login.result;
    expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_PUSH_DENIED']);
  });

  it('is rejected when the wrong match code is typed on the phone', async () => {
    const login = startPushLogin(server.url, mei);
    const wrong = String((Number(await login.matchCode) + 1) % 100).padStart(2, '0');
    const approve = await meiPhone().run(['approve', '--auto-approve', wrong, '--wait', '10']);
    expect(approve.exitCode).toBe(4);
    const result = await login.result;
    expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_PUSH_DENIED']);
  });

  it('refuses a replayed signed response (exit 4)', async () => {
    const login = startPushLogin(server.url, mei);
    await login.matchCode;
    const replay = await meiPhone().run(['approve', '--auto-approve', await login.matchCode, '--replay-last', '--wait', '10']);
    expect(replay.exitCode, replay.stderr).toBe(0);
    const result = await login.result;
    expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_PUSH_REPLAY']);
  });

  it('times out (exit 3) when the request expires unanswered', async () => {
    const login = startPushLogin(server.url, kai);
    await login.matchCode;
    setClock(new Date(Date.now() + 31_000));
    const result = await login.result;
    expect([result.exitCode, errorCode(result)]).toEqual([3, 'ERR_TIMEOUT']);
  });

  it('says clearly when no phone is bound — the same for an ID without an account', async () => {
    const user = cliUser(server.url);
    const noPhone = await user.run(['login', '--method', 'push', '--id', lin]);
    expect([noPhone.exitCode, errorCode(noPhone)]).toEqual([4, 'ERR_PUSH_NO_DEVICE']);
    const stranger = await user.run(['login', '--method', 'push', '--id', 'F131313136']);
    expect(stranger.stderr).toBe(noPhone.stderr);
  });

  it('on a terminal shows the match code and a countdown; Ctrl-C cancels the request on the server', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-cli-'));
    const terminal = startInTmux(['node', cliBin, 'login', '--method', 'push', '--id', mei], {
      PATH: process.env.PATH ?? '',
      HOME: configDir,
      GCIS_CONFIG_DIR: configDir,
      GCIS_SERVER: server.url,
    });
    try {
      await terminal.waitFor(/Match code \(配對碼\):\s+\d \d/);
      await terminal.waitFor(/Waiting for your phone to confirm \(match code \d{2}\) — [01]:\d{2} left/);
      const [request] = JSON.parse((await meiPhone().run(['requests', '--json'])).stdout);
      expect(request).toMatchObject({ maskedId: 'A12****789' });
      terminal.send('C-c');
      expect(await terminal.exitCode()).toBe(130);
      expect(terminal.screen()).toMatch(/cancelled the push login on the server/);
      expect(JSON.parse((await meiPhone().run(['requests', '--json'])).stdout)).toHaveLength(1); // TW FidO has no cancel: the phone still shows it
    } finally {
      terminal.kill();
    }
  });

  it('refuses a national ID with a wrong check digit before contacting the server (exit 2)', async () => {
    const result = await cliUser('http://127.0.0.1:9').run(['login', '--method', 'push', '--id', 'A123456788']);
    expect([result.exitCode, errorCode(result)]).toEqual([2, 'ERR_INVALID_NATIONAL_ID']);
  });

  it('allows 3 pending requests per ID (push fatigue); Ctrl-C cancels one on the server (exit 130)', async () => {
    const pending = [startPushLogin(server.url, yun), startPushLogin(server.url, yun), startPushLogin(server.url, yun)];
    await Promise.all(pending.map((login) => login.matchCode));
    const fourth = await cliUser(server.url).run(['login', '--method', 'push', '--id', yun]);
    expect([fourth.exitCode, errorCode(fourth)]).toEqual([1, 'ERR_PUSH_LIMIT']);

    pending[0]!.process.kill('SIGINT');
    const interrupted = await pending[0]!.result;
    expect(interrupted.exitCode).toBe(130);
    expect(interrupted.stderr).toMatch(/cancelled the push login on the server/);
    const fifth = startPushLogin(server.url, yun);
    expect(await fifth.matchCode).toMatch(/^\d{2}$/);
    for (const login of [...pending.slice(1), fifth]) login.process.kill('SIGINT');
    for (const login of [...pending.slice(1), fifth]) expect((await login.result).exitCode).toBe(130);
  });
});

describe('a phone certificate from a CA the server does not trust', () => {
  let emulator: ReturnType<typeof execa>;
  let other: RunningServer;
  let phone: ReturnType<typeof phoneUser>;
  const key = Buffer.alloc(32, 0x33).toString('base64');

  beforeAll(async () => {
    // A standalone emulator with a CA of its own; the server uses it but trusts only its embedded emulator's CA.
    const state = mkdtempSync(join(tmpdir(), 'gcis-fido-'));
    emulator = execa('node', [serverBin, 'fido-emulator', '--listen', '127.0.0.1:0', '--state', state, '--card-ca', caFiles.root], {
      env: { GCIS_SERVER_FIDO_KEY: key },
      reject: false,
    });
    const url = await new Promise<string>((resolve) => emulator.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
    other = await startGcisServer({ captchaPolicy: 'off', push: { ...push, baseUrl: url } }, { GCIS_SERVER_FIDO_KEY: key }, {
      startArgs: ['--fido-emulator'],
      beforeStart: (admin) => addAccount(admin, 'mei', mei).then(() => undefined),
    });
    phone = phoneUser(card);
    expect((await phone.run(['bind', '--national-id', mei, '--emulator', url, '--card-chain', caFiles.intermediate])).exitCode).toBe(0);
  });
  afterAll(async () => {
    await other?.stop();
    emulator?.kill('SIGTERM');
    await emulator;
  });

  it('is refused with ERR_CERT_UNTRUSTED (exit 4)', async () => {
    const login = startPushLogin(other.url, mei);
    expect((await phone.run(['approve', '--auto-approve', await login.matchCode, '--wait', '10'])).exitCode).toBe(0);
    const result = await login.result;
    expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_CERT_UNTRUSTED']);
  });
});

describe('the real settings against a standalone emulator behind a faulty proxy (bare phone certificates, zero IV)', () => {
  let emulator: ReturnType<typeof execa>;
  let proxy: FaultyProxy;
  let behind: RunningServer;
  let phone: ReturnType<typeof phoneUser>;
  let state: string;
  const key = Buffer.alloc(32, 0x44).toString('base64');

  beforeAll(async () => {
    state = mkdtempSync(join(tmpdir(), 'gcis-fido-'));
    emulator = execa('node', [serverBin, 'fido-emulator', '--listen', '127.0.0.1:0', '--state', state, '--card-ca', caFiles.root, '--phone-certificate', 'bare'], {
      env: { GCIS_SERVER_FIDO_KEY: key },
      reject: false,
    });
    const url = await new Promise<string>((resolve) => emulator.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
    proxy = await startFaultyProxy(url);
    const settings = { ...push, baseUrl: proxy.url, trustAnchors: [join(state, 'ca-cert.pem')], checksumIv: 'zero' as const, pollIntervalSeconds: 0.05 };
    behind = await startGcisServer({ captchaPolicy: 'off', push: settings }, { GCIS_SERVER_FIDO_KEY: key }, {
      beforeStart: (admin) => addAccount(admin, 'mei', mei).then(() => undefined),
    });
    phone = phoneUser(card);
    expect((await phone.run(['bind', '--national-id', mei, '--emulator', url, '--card-chain', caFiles.intermediate])).exitCode).toBe(0);
  });
  afterAll(async () => {
    await behind?.stop();
    await proxy?.close();
    emulator?.kill('SIGTERM');
    await emulator;
  });

  it('logs in although the service answers 502 and HTML pages for a while; each retry is in the server log', async () => {
    proxy.inject('getAthOrSignResult', ['http-502', 'html-200', 'html-503', 'reset', 'http-502']);
    const login = startPushLogin(behind.url, mei);
    expect((await phone.run(['approve', '--auto-approve', await login.matchCode, '--wait', '10'])).exitCode).toBe(0);
    const result = await login.result;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(proxy.seen.filter((r) => r.op === 'getAthOrSignResult').slice(0, 6).map((r) => r.fault)).toEqual(['http-502', 'html-200', 'html-503', 'reset', 'http-502', undefined]);
    const retries = behind.stderr().split('\n').filter((line) => /no answer from the service/.test(line));
    expect(retries).toHaveLength(5);
    expect(behind.stderr()).not.toContain(mei);
  });

  it('is refused (exit 4, ERR_PUSH_IDENTITY) once push.requireCardProfile is on', async () => {
    const strict = await startGcisServer(
      { captchaPolicy: 'off', push: { ...push, baseUrl: proxy.url, trustAnchors: [join(state, 'ca-cert.pem')], requireCardProfile: true } },
      { GCIS_SERVER_FIDO_KEY: key },
      { beforeStart: (admin) => addAccount(admin, 'mei', mei).then(() => undefined) },
    );
    try {
      const login = startPushLogin(strict.url, mei);
      expect((await phone.run(['approve', '--auto-approve', await login.matchCode, '--wait', '10'])).exitCode).toBe(0);
      const result = await login.result;
      expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_PUSH_IDENTITY']);
    } finally {
      await strict.stop();
    }
  });
});
