import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode, type CliResult } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';

const minutes = (n: number) => n * 60_000;

/**
 * Two real gcis-server processes, each on its own test clock, and real gcis processes with their
 * own token stores. The CLI runs on the real clock, so a server's clock set in the past makes a
 * session whose idle end has passed by the time gcis looks at it — no sleeping.
 */
describe('gcis with several servers', () => {
  const now = Math.floor(Date.now() / 1000) * 1000;
  const clocks = [0, 1].map(() => join(mkdtempSync(join(tmpdir(), 'gcis-multi-clock-')), 'now'));
  const setClock = (index: number, at: number) => writeFileSync(clocks[index]!, new Date(at).toISOString());
  let servers: RunningServer[] = [];
  const stopped = new Set<RunningServer>();
  beforeAll(async () => {
    setClock(0, now - minutes(40));
    setClock(1, now);
    servers = await Promise.all(
      clocks.map((clock) => startGcisServer({ mode: 'test', captchaPolicy: 'off' }, { GCIS_SERVER_TEST_CLOCK: clock })),
    );
  }, 120_000);
  afterAll(() => Promise.all(servers.filter((server) => !stopped.has(server)).map((server) => server.stop())));

  // Without GCIS_SERVER, so that the default `gcis use` stores applies.
  const user = () => cliUser('');
  const login = (run: ReturnType<typeof user>['run'], server: RunningServer, at: number) => {
    const code = generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date(at) });
    const args = ['login', '--server', server.url, '--method', 'totp', '--account', 'alice', '--password-stdin', '--code', code];
    return run(args, { input: `${demoPassword}\n` });
  };
  const ok = (result: CliResult) => {
    expect(result.stderr).not.toMatch(/ERR_/);
    expect(result.exitCode).toBe(0);
    return result;
  };
  const json = async (pending: Promise<CliResult>) => JSON.parse(ok(await pending).stdout);
  const users = { scripted: user(), forgotten: user(), other: user() };

  it('gcis token and gcis exec refuse a session the server ended after idle time, and hand out one a script kept alive', async () => {
    const [a] = servers;
    ok(await login(users.scripted.run, a!, now - minutes(40))); // idle end recorded: now - 10 min
    setClock(0, now - minutes(35));
    ok(await login(users.forgotten.run, a!, now - minutes(35))); // idle end recorded: now - 5 min
    // a script uses the first session directly against the server, which moves its idle end to now + 15 min
    setClock(0, now - minutes(15));
    const storedEntry = () => JSON.parse(readFileSync(join(users.scripted.configDir, 'sessions.json'), 'utf8')).sessions[a!.url];
    const scriptToken: string = storedEntry().token; // read from the file: gcis token itself would ask the server now
    expect(storedEntry().idleExpiresAt).toBe(new Date(now - minutes(10)).toISOString());
    expect((await fetch(`${a!.url}/v1/session`, { headers: { authorization: `Bearer ${scriptToken}` } })).status).toBe(200);
    setClock(0, now);

    // both recorded idle ends have passed: gcis asks the server; six at once all record the new end under the lock
    const together = await Promise.all([1, 2, 3, 4, 5, 6].map(() => users.scripted.run(['token', '--server', a!.url])));
    expect(together.map((result) => ok(result).stdout)).toEqual(Array(6).fill(scriptToken));
    expect(storedEntry().idleExpiresAt).toBe(new Date(now + minutes(30)).toISOString());
    const dead = await users.forgotten.run(['token', '--server', a!.url]);
    expect([dead.exitCode, errorCode(dead), dead.stdout]).toEqual([4, 'ERR_NOT_LOGGED_IN', '']);
    const execDead = await users.forgotten.run(['exec', '--server', a!.url, '--', 'node', '-e', 'console.log("ran")']);
    expect([execDead.exitCode, errorCode(execDead), execDead.stdout]).toEqual([4, 'ERR_NOT_LOGGED_IN', '']);
    const execAlive = await users.scripted.run(['exec', '--server', a!.url, '--', 'node', '-e', 'console.log(process.env.GCIS_TOKEN)']);
    expect(ok(execAlive).stdout.trim()).toBe(scriptToken);
  }, 120_000);

  it('lists both servers with status --all, follows gcis use, and reads aliases', async () => {
    const [a, b] = servers;
    const { run } = users.scripted;
    ok(await login(run, b!, now));
    const all = await json(run(['status', '--all', '--json']));
    expect(all.map((entry: { server: string; state: string; default: boolean }) => [entry.server, entry.state, entry.default])).toEqual([
      [a!.url, 'active', false],
      [b!.url, 'active', false],
    ]);

    ok(await run(['use', a!.url, '--alias', 'alpha']));
    ok(await run(['use', b!.url, '--alias', 'beta']));
    expect((await json(run(['status', '--json']))).server).toBe(b!.url);
    ok(await run(['use', 'alpha']));
    expect((await json(run(['status', '--json']))).server).toBe(a!.url);
    expect((await json(run(['status', '--json', '--server', 'beta']))).server).toBe(b!.url);
    expect((await json(run(['status', '--json'], { env: { GCIS_SERVER: 'beta' } }))).server).toBe(b!.url);
    const [alpha, beta] = await json(run(['status', '--all', '--json']));
    expect([alpha.default, alpha.aliases, beta.default, beta.aliases]).toEqual([true, ['alpha'], false, ['beta']]);
    // the plain `gcis token` (the fast path) follows the default too
    const tokenA = ok(await run(['token'])).stdout;
    expect(tokenA).toBe(ok(await run(['token', '--server', a!.url])).stdout);

    const typo = await run(['use', 'alpah']);
    expect([typo.exitCode, errorCode(typo)]).toEqual([2, 'ERR_USAGE']);
    expect((await json(run(['status', '--json']))).server).toBe(a!.url);
  }, 120_000);

  it('keeps a token given on stdin with login --with-token only when the server accepts it', async () => {
    const [a, b] = servers;
    const tokenB = ok(await users.scripted.run(['token', '--server', b!.url])).stdout;
    const { run } = users.other;
    ok(await run(['login', '--with-token', '--server', b!.url], { input: `${tokenB}\n` }));
    expect(ok(await run(['token', '--server', b!.url])).stdout).toBe(tokenB);
    expect((await json(run(['status', '--json', '--server', b!.url]))).account).toBe('alice');

    // the real token with its last character changed
    const oneOff = `${tokenB.slice(0, -1)}${tokenB.endsWith('A') ? 'B' : 'A'}`;
    const near = await users.forgotten.run(['login', '--with-token', '--server', b!.url], { input: oneOff });
    expect([near.exitCode, errorCode(near)]).toEqual([4, 'ERR_UNAUTHENTICATED']);
    const forged = `gcis_${'Q'.repeat(43)}`;
    const refused = await run(['login', '--with-token', '--server', a!.url], { input: forged });
    expect([refused.exitCode, errorCode(refused)]).toEqual([4, 'ERR_UNAUTHENTICATED']);
    const none = await run(['token', '--server', a!.url]);
    expect([none.exitCode, errorCode(none)]).toEqual([4, 'ERR_NOT_LOGGED_IN']);
  }, 120_000);

  it('shows a stopped server as unreachable, keeps its session on logout, and forgets it with logout --local', async () => {
    const [a, b] = servers;
    const { run } = users.scripted;
    await b!.stop();
    stopped.add(b!);
    const all = await json(run(['status', '--all', '--json', '--timeout', '3']));
    expect(all.map((entry: { server: string; state: string }) => [entry.server, entry.state])).toEqual([
      [a!.url, 'active'],
      [b!.url, 'unreachable'],
    ]);

    const kept = await run(['logout', '--server', b!.url]);
    expect([kept.exitCode, errorCode(kept)]).toEqual([1, 'ERR_NETWORK']);
    expect(kept.stderr).toContain('--local');
    ok(await run(['token', '--server', b!.url]));
    ok(await run(['logout', '--local', '--server', b!.url]));
    const gone = await run(['token', '--server', b!.url]);
    expect([gone.exitCode, errorCode(gone)]).toEqual([4, 'ERR_NOT_LOGGED_IN']);
    expect((await json(run(['status', '--all', '--json']))).map((entry: { server: string }) => entry.server)).toEqual([a!.url]);
  }, 120_000);
});
