import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { defaultConfig, type ServerConfig } from '@gcis/server';
import { createTestCard, type TestCard } from '@gcis/core/smartcard/testing';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../packages/server/src/testing/testPostgres.js';
import { cliUser, errorCode, type CliResult } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, startServerProcess, type RunningServer, type ServerProcess } from './support/gcisServer.js';
import { serverBin } from './support/paths.js';
import { cardCaFiles, phoneUser, startPushLogin } from './support/pushLogin.js';
import { startRoutingProxy, type RoutingProxy } from './support/routingProxy.js';

/**
 * Two real `gcis-server start` processes on one real PostgreSQL (a throwaway cluster), as README
 * "Running more than one instance" sets them up: `init` once with the URL in the environment,
 * then the data folder copied (same secret.key, same config.json) for the second instance. The
 * first reads the URL from GCIS_SERVER_DATABASE_URL, the second from database.url in its
 * config.json: both ways a password reaches the server without being on a command line.
 */
let postgres: TestPostgres;
let databaseUrl: string;
let card: TestCard;
let emulator: ResultPromise;
let emulatorUrl: string;
let a: RunningServer;
let b: ServerProcess;
let bDataDir: string;
const fidoKey = Buffer.alloc(32, 0x5a).toString('base64');
const mei = 'A123456789';

const config = (emulatorState: string): Partial<ServerConfig> => ({
  mode: 'test',
  captchaPolicy: 'off',
  // the race below makes 19 failures of one account from one address: the throttle must not be what stops them
  lockAfterFailures: 100,
  throttle: { ...defaultConfig.throttle, accountLockAfterFailures: 100 },
  rateLimit: { max: 100_000, windowSeconds: 60 },
  push: {
    ...defaultConfig.push,
    baseUrl: emulatorUrl,
    pollIntervalSeconds: 0.2,
    lifetimeSeconds: 60,
    trustAnchors: [join(emulatorState, 'ca-cert.pem')],
    productionTrust: false,
  },
});

beforeAll(async () => {
  postgres = await startTestPostgres();
  databaseUrl = await postgres.createDatabase();
  card = await createTestCard();
  const caFiles = cardCaFiles(card);
  const emulatorState = mkdtempSync(join(tmpdir(), 'gcis-fido-'));
  emulator = execa('node', [serverBin, 'fido-emulator', '--listen', '127.0.0.1:0', '--state', emulatorState, '--card-ca', caFiles.root], {
    env: { GCIS_SERVER_FIDO_KEY: fidoKey },
    reject: false,
  });
  emulatorUrl = await new Promise<string>((resolve) => emulator.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));

  a = await startGcisServer(config(emulatorState), { GCIS_SERVER_DATABASE_URL: databaseUrl, GCIS_SERVER_FIDO_KEY: fidoKey }, {
    beforeStart: async (admin) => {
      for (const name of ['racer', 'bob', 'carol', 'dave', 'frank']) { // one account per test: a TOTP code logs in once
        await expectOk(admin(['account', 'add', name, '--name', name, '--email', `${name}@example.com`, '--password-stdin'], demoPassword));
      }
      await expectOk(admin(['account', 'add', 'mei', '--name', '王小明', '--email', 'mei@example.com', '--national-id', mei, '--password-stdin'], demoPassword));
    },
  });
  // The second instance: a copy of the folder, the URL (with its password) kept in its 0600 config.json instead of the environment.
  bDataDir = join(mkdtempSync(join(tmpdir(), 'gcis-e2e-copy-')), 'data');
  cpSync(a.dataDir, bDataDir, { recursive: true, preserveTimestamps: true });
  const bConfig = join(bDataDir, 'config.json');
  writeFileSync(bConfig, JSON.stringify({ ...JSON.parse(readFileSync(bConfig, 'utf8')), database: { url: databaseUrl } }), { mode: 0o600 });
  b = await startServerProcess(bDataDir, { GCIS_SERVER_FIDO_KEY: fidoKey });
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([a?.stop(), b?.stop()]);
  emulator?.kill('SIGTERM');
  await emulator;
  await card?.destroy();
  await postgres?.remove();
}, 60_000);

const adminOf = (env: Record<string, string> = {}) => async (args: string[], input?: string) => {
  const result = await execa('node', [serverBin, ...args, '--data', a.dataDir], { input, env: { GCIS_SERVER_DATABASE_URL: databaseUrl, ...env }, reject: false });
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
};
const secretOf = async (account: string) => JSON.parse((await expectOk(adminOf()(['account', 'totp', account, '--json']))).stdout).secret as string;
const codeNow = (secret: string) => generateTotp({ secret: decodeTotpSecret(secret), now: new Date() });
const ok = (result: CliResult) => {
  expect(result.stderr).not.toMatch(/ERR_/);
  expect(result.exitCode).toBe(0);
  return result;
};
const loginArgs = (server: string, account: string, code: string) => ['login', '--server', server, '--method', 'totp', '--account', account, '--password-stdin', '--code', code];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const apiLogin = async (server: string, account: string, secret: string) => {
  const response = await fetch(`${server}/v1/login/totp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password: demoPassword, code: codeNow(secret) }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
};

describe('two gcis-server instances on one PostgreSQL database', () => {
  it('keeps no gcis.db in the data folder and no database password in any file init wrote', () => {
    expect(existsSync(join(a.dataDir, 'gcis.db'))).toBe(false);
    const recorded = JSON.parse(readFileSync(join(a.dataDir, 'config.json'), 'utf8')).database.url as string;
    const password = new URL(databaseUrl).password;
    expect(password).not.toBe('');
    expect(recorded).toBe(databaseUrl.replace(`:${password}@`, '@')); // init records where, not the secret it was given in the environment
    const files = (readdirSync(a.dataDir, { recursive: true, withFileTypes: true }) as Dirent[]).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const path = join(file.parentPath, file.name);
      expect([path, readFileSync(path, 'utf8').includes(password)]).toEqual([path, false]);
    }
  });

  it('logs in through one instance and shows the session through the other (gcis login, gcis status)', async () => {
    const proxy = await startRoutingProxy((_method, path) => (path.startsWith('/v1/login/') ? a.url : b.url));
    try {
      const { run } = cliUser(proxy.url);
      ok(await run(loginArgs(proxy.url, 'alice', codeNow(await secretOf('alice'))), { input: `${demoPassword}\n` }));
      const status = JSON.parse(ok(await run(['status', '--json'])).stdout);
      expect(status).toMatchObject({ account: 'alice', method: 'totp', server: proxy.url });
      expect(proxy.carried).toEqual(expect.arrayContaining([`POST /v1/login/totp → ${a.url}`, `GET /v1/session → ${b.url}`]));
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('lets exactly one of 20 parallel gcis logins with one TOTP code in, split across both instances', async () => {
    const code = codeNow(await secretOf('racer'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => cliUser('').run(loginArgs(n % 2 === 0 ? a.url : b.url, 'racer', code), { input: `${demoPassword}\n` })),
    );
    const succeeded = results.filter((result) => result.exitCode === 0);
    expect(succeeded).toHaveLength(1);
    for (const refused of results.filter((result) => result.exitCode !== 0)) {
      expect([refused.exitCode, ['ERR_TOTP_REPLAY', 'ERR_LOGIN_FAILED'].includes(errorCode(refused) ?? '')]).toEqual([4, true]);
    }
  }, 180_000);

  it('answers 503 ERR_STORE_UNAVAILABLE (never a 500) while PostgreSQL is down under load, and recovers by itself', async () => {
    const token = await apiLogin(a.url, 'bob', await secretOf('bob'));
    const seen: Array<{ status: number; code?: string }> = [];
    let loading = true;
    const load = async (server: string, write: boolean) => {
      while (loading) {
        const response = await fetch(write ? `${server}/v1/captcha` : `${server}/v1/session`, write ? { method: 'POST' } : { headers: bearer(token) }).catch(() => undefined);
        if (!response) continue; // a connection refused is not an answer; the instances must stay up though (checked below)
        const body = (await response.json()) as { error?: { code: string } };
        seen.push({ status: response.status, code: body.error?.code });
      }
    };
    const workers = [load(a.url, false), load(b.url, false), load(a.url, true), load(b.url, true)];
    const health = async (server: string) => (await fetch(`${server}/healthz`)).status;
    const until = async (done: () => Promise<boolean>) => {
      for (let tries = 0; !(await done()); tries++) {
        if (tries === 1200) throw new Error('waited a minute in vain');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const daveSecret = await secretOf('dave');
    const daveLogin = (code: string) =>
      fetch(`${b.url}/v1/login/totp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'dave', password: demoPassword, code }) });
    let daveCode = '';
    let daveDuringOutage: Response | undefined;
    try {
      await until(async () => seen.filter((answer) => answer.status === 200).length >= 40);
      await postgres.stop();
      await until(async () => (await health(a.url)) === 503 && (await health(b.url)) === 503);
      await until(async () => seen.filter((answer) => answer.status === 503).length >= 20);
      daveCode = codeNow(daveSecret);
      daveDuringOutage = await daveLogin(daveCode);
      await postgres.start();
      await until(async () => (await health(a.url)) === 200 && (await health(b.url)) === 200);
      const recovered = seen.length;
      await until(async () => seen.slice(recovered).filter((answer) => answer.status === 200).length >= 40);
    } finally {
      loading = false;
      await Promise.all(workers);
    }
    expect(seen.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    expect(new Set(seen.filter((answer) => answer.status === 503).map((answer) => answer.code))).toEqual(new Set(['ERR_STORE_UNAVAILABLE']));
    expect(seen.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);
    expect([a.process.exitCode, b.process.exitCode]).toEqual([null, null]); // neither instance died with its database
    for (const server of [a.url, b.url]) expect((await fetch(`${server}/v1/session`, { headers: bearer(token) })).status).toBe(200);
    // a login the outage refused used up nothing: its code still logs in once, and only once
    expect([daveDuringOutage?.status, ((await daveDuringOutage?.json()) as { error: { code: string } }).error.code]).toEqual([503, 'ERR_STORE_UNAVAILABLE']);
    expect((await daveLogin(daveCode)).status).toBe(200);
    expect((await daveLogin(daveCode)).status).toBe(401);
  }, 180_000);

  it('shares a CA that trust add puts in one folder with the instance on the other, through the database the folder names', async () => {
    const rootFile = join(mkdtempSync(join(tmpdir(), 'gcis-e2e-ca-')), 'card-root.pem');
    writeFileSync(rootFile, card.rsa.root.pem);
    await expectOk(adminOf()(['trust', 'add', rootFile])); // a.dataDir, with GCIS_SERVER_DATABASE_URL
    const listedOnB = async () => {
      const listed = await execa('node', [serverBin, 'trust', 'list', '--json', '--data', bDataDir], { reject: false });
      return JSON.parse(String(listed.stdout) || '[]') as Array<{ role: string; subject: string }>;
    };
    for (let tries = 0; (await listedOnB()).length === 0; tries++) {
      if (tries === 100) throw new Error('the other instance never wrote the shared CA into its folder');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await listedOnB()).map((entry) => entry.role)).toEqual(['anchor']);
  }, 60_000);

  let phone: ReturnType<typeof phoneUser> | undefined;
  const meiPhone = async () => {
    if (phone) return phone;
    phone = phoneUser(card);
    const bound = await phone.run(['bind', '--national-id', mei, '--emulator', emulatorUrl, '--card-chain', cardCaFiles(card).intermediate]);
    expect(bound.exitCode, bound.stderr).toBe(0);
    return phone;
  };

  it('completes a push login started on one instance while gcis polls the other', async () => {
    const proxy = await startRoutingProxy((method, path) => (method === 'POST' && path.startsWith('/v1/login/push') ? a.url : b.url));
    try {
      const phone = await meiPhone();
      const login = startPushLogin(proxy.url, mei);
      const approve = await phone.run(['approve', '--auto-approve', await login.matchCode, '--wait', '20']);
      expect(approve.exitCode, approve.stderr).toBe(0);
      const result = await login.result;
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/as mei \(push\)/);
      expect(proxy.carried.filter((line) => line.startsWith('POST /v1/login/push '))).toEqual([`POST /v1/login/push → ${a.url}`]);
      expect(proxy.carried.some((line) => line.startsWith('GET /v1/login/push/') && line.endsWith(b.url))).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('completes a push login whose instance is killed (-9) while it polls TW FidO: the other takes over once its lease runs out', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'gcis-e2e-copy-')), 'data');
    cpSync(a.dataDir, copy, { recursive: true });
    const phone = await meiPhone();
    const doomed = await startServerProcess(copy, { GCIS_SERVER_DATABASE_URL: databaseUrl, GCIS_SERVER_FIDO_KEY: fidoKey });
    const proxy = await startRoutingProxy(() => [doomed.url, b.url]); // the balancer's next upstream when one is down
    try {
      const login = startPushLogin(proxy.url, mei);
      const matchCode = await login.matchCode;
      // let the doomed instance take the poll lease and ask TW FidO a few times, then kill it mid long poll
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await doomed.kill();
      const approve = await phone.run(['approve', '--auto-approve', matchCode, '--wait', '20']);
      expect(approve.exitCode, approve.stderr).toBe(0);
      const result = await login.result;
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/as mei \(push\)/);
      expect(proxy.carried.some((line) => line.startsWith('GET /v1/login/push/') && line.endsWith(b.url))).toBe(true);
    } finally {
      await proxy.close();
      if (doomed.process.exitCode === null) await doomed.stop();
    }
  }, 120_000);

  it('keeps serving on the other instance when one is killed (-9) under load; sessions issued by either stay valid', async () => {
    const tokens = [await apiLogin(a.url, 'carol', await secretOf('carol')), await apiLogin(b.url, 'frank', await secretOf('frank'))];
    const onSurvivor: number[] = [];
    let loading = true;
    const load = async (server: string, into?: number[]) => {
      for (let n = 0; loading; n++) {
        const response = await fetch(`${server}/v1/session`, { headers: bearer(tokens[n % 2]!) }).catch(() => undefined);
        into?.push(response?.status ?? 0);
        await response?.arrayBuffer();
      }
    };
    const workers = [load(a.url), load(a.url), load(b.url, onSurvivor), load(b.url, onSurvivor)];
    try {
      while (onSurvivor.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
      await a.kill();
      const killedAt = onSurvivor.length;
      while (onSurvivor.length < killedAt + 100) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      loading = false;
      await Promise.all(workers);
    }
    expect(onSurvivor.filter((status) => status !== 200)).toEqual([]);
    for (const token of tokens) expect((await fetch(`${b.url}/v1/session`, { headers: bearer(token) })).status).toBe(200);
    // and the killed instance, started again on its folder, serves them too
    const again = await startServerProcess(a.dataDir, { GCIS_SERVER_DATABASE_URL: databaseUrl, GCIS_SERVER_FIDO_KEY: fidoKey });
    try {
      for (const token of tokens) expect((await fetch(`${again.url}/v1/session`, { headers: bearer(token) })).status).toBe(200);
    } finally {
      await again.stop();
    }
  }, 120_000);
});

describe('gcis-server when PostgreSQL cannot be reached', () => {
  it('says so in one line naming the URL without its password, and exits 1 without a stack trace', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'gcis-e2e-')), 'data');
    await expectOk(execa('node', [serverBin, 'init', '--data', data], { reject: false }).then((r) => ({ exitCode: r.exitCode ?? 1, stderr: String(r.stderr) })));
    const closedPort = 9; // discard: nothing listens on it here
    const url = `postgres://gcis:hunter2@127.0.0.1:${closedPort}/gcis`;
    for (const args of [['start', '--listen', '127.0.0.1:0'], ['account', 'list']]) {
      const result = await execa('node', [serverBin, ...args, '--data', data], { env: { GCIS_SERVER_DATABASE_URL: url }, reject: false, timeout: 60_000 });
      const stderr = String(result.stderr);
      expect([args[0], result.exitCode, stderr.trim().split('\n').length]).toEqual([args[0], 1, 1]);
      expect(stderr).toMatch(/^gcis-server: .*127\.0\.0\.1:9\b.* \(ERR_STORE_UNAVAILABLE\)$/); // execa drops the final newline
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(stderr).not.toContain('hunter2');
      expect(String(result.stdout)).toBe('');
    }
  }, 120_000);
});

describe('gcis-server --database, GCIS_SERVER_DATABASE_URL and database.url', () => {
  const freshFolder = () => join(mkdtempSync(join(tmpdir(), 'gcis-e2e-db-')), 'data');
  const server = async (args: string[], env: Record<string, string> = {}, input = '') => {
    const result = await execa('node', [serverBin, ...args], { env, extendEnv: false, input, reject: false, timeout: 60_000 });
    return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr), code: /\((ERR_[A-Z_]+)\)$/.exec(String(result.stderr).trim())?.[1] };
  };
  const split = (url: string) => {
    const parsed = new URL(url);
    const password = parsed.password;
    parsed.password = '';
    return { bare: parsed.toString(), password };
  };

  it('init --database with a URL without its password (PGPASSWORD gives it) migrates, records the URL, and every command then finds it', async () => {
    const { bare, password } = split(await postgres.createDatabase());
    const data = freshFolder();
    const pgEnv = { PGPASSWORD: password, PATH: process.env.PATH ?? '' };
    const made = await server(['init', '--data', data, '--database', bare], pgEnv);
    expect([made.exitCode, made.stdout]).toEqual([0, expect.stringMatching(/^gcisadm_\S+\n?$/)]);
    expect(existsSync(join(data, 'gcis.db'))).toBe(false);
    expect(JSON.parse(readFileSync(join(data, 'config.json'), 'utf8')).database).toEqual({ url: bare });
    expect((await server(['account', 'add', 'erin', '--name', 'Erin', '--email', 'erin@example.com', '--password-stdin', '--data', data], pgEnv, demoPassword)).exitCode).toBe(0);
    const listed = await server(['account', 'list', '--json', '--data', data], pgEnv);
    expect(JSON.parse(listed.stdout).map((row: { account: string }) => row.account)).toEqual(['erin']);
    // without the password the database refuses: one line, the URL without a password, exit 1
    const refused = await server(['account', 'list', '--data', data], { PATH: process.env.PATH ?? '' });
    expect([refused.exitCode, refused.code]).toEqual([1, 'ERR_STORE_UNAVAILABLE']);
    // a second init on a database with accounts would make a key that cannot open them
    const again = await server(['init', '--data', freshFolder(), '--database', bare], pgEnv);
    expect([again.exitCode, again.code]).toEqual([1, 'ERR_DATA_DIR']);
  }, 120_000);

  it('refuses a password on the command line before writing anything, for init and the other commands', async () => {
    const url = await postgres.createDatabase();
    const data = freshFolder();
    for (const args of [['init'], ['account', 'list'], ['trust', 'list'], ['start']]) {
      const result = await server([...args, '--data', data, '--database', url]);
      expect([args.join(' '), result.exitCode, result.code]).toEqual([args.join(' '), 2, 'ERR_USAGE']);
      expect(result.stderr).not.toContain(new URL(url).password);
    }
    expect(existsSync(data)).toBe(false);
  }, 60_000);

  it('init from GCIS_SERVER_DATABASE_URL keeps the password out of config.json; the flag beats the variable, the variable beats config.json', async () => {
    const url = await postgres.createDatabase();
    const { bare, password } = split(url);
    const data = freshFolder();
    expect((await server(['init', '--data', data], { GCIS_SERVER_DATABASE_URL: url })).exitCode).toBe(0);
    expect(readFileSync(join(data, 'config.json'), 'utf8')).not.toContain(password);
    expect(JSON.parse(readFileSync(join(data, 'config.json'), 'utf8')).database.url).toBe(bare);
    await server(['account', 'add', 'finn', '--name', 'Finn', '--email', 'finn@example.com', '--password-stdin', '--data', data], { GCIS_SERVER_DATABASE_URL: url }, demoPassword);

    // another folder's SQLite file named by --database wins over the variable: it has no accounts
    const sqliteFolder = freshFolder();
    expect((await server(['init', '--data', sqliteFolder])).exitCode).toBe(0);
    const viaFlag = await server(['account', 'list', '--json', '--data', data, '--database', join(sqliteFolder, 'gcis.db')], { GCIS_SERVER_DATABASE_URL: url });
    expect(JSON.parse(viaFlag.stdout)).toEqual([]);
    // the variable wins over config.json, which names a database that does not exist
    const config = JSON.parse(readFileSync(join(data, 'config.json'), 'utf8'));
    writeFileSync(join(data, 'config.json'), JSON.stringify({ ...config, database: { url: bare.replace(/\/[^/]+$/, '/no_such_database') } }));
    const viaEnv = await server(['account', 'list', '--json', '--data', data], { GCIS_SERVER_DATABASE_URL: url });
    expect(JSON.parse(viaEnv.stdout).map((row: { account: string }) => row.account)).toEqual(['finn']);
    const viaConfig = await server(['account', 'list', '--data', data], { PGPASSWORD: password });
    expect([viaConfig.exitCode, viaConfig.code]).toEqual([1, 'ERR_STORE_UNAVAILABLE']);
    // a SQLite file that does not exist is not created behind the administrator's back
    const typo = await server(['account', 'list', '--data', data, '--database', join(sqliteFolder, 'gcsi.db')]);
    expect([typo.exitCode, typo.code, existsSync(join(sqliteFolder, 'gcsi.db'))]).toEqual([1, 'ERR_DATA_DIR', false]);
  }, 120_000);
});
