import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { tempDir } from '../testing/fakeDeps.js';
import { session, storedSession, token } from '../testing/fakeServer.js';
import { resolveConfigDir } from './configDir.js';
import { openTokenStore } from './tokenStore.js';

const local = 'http://127.0.0.1:8470';
const remote = 'https://gcis.example';

describe('openTokenStore', () => {
  it('keeps one entry per server in one sessions.json', async () => {
    const dir = await tempDir();
    const store = openTokenStore(dir);
    await store.save(local, session({ token: token(1) }));
    await store.save(remote, session({ token: token(2), account: 'bob' }));

    expect((await store.read(local))?.token).toBe(token(1));
    expect(await store.read(remote)).toMatchObject({ token: token(2), account: 'bob' });
    expect(await readdir(dir)).toEqual(['sessions.json']);
    const file = JSON.parse(await readFile(join(dir, 'sessions.json'), 'utf8'));
    expect(Object.keys(file.sessions)).toEqual([local, remote]);
  });

  it('writes the file with mode 0600 inside a 0700 directory it creates', async () => {
    const dir = join(await tempDir(), 'nested', 'gcis');
    await openTokenStore(dir).save(local, session());
    expect((await stat(join(dir, 'sessions.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('replaces the file atomically and leaves no temporary file behind', async () => {
    const dir = await tempDir();
    const store = openTokenStore(dir);
    await Promise.all(Array.from({ length: 5 }, (_, n) => store.save(local, session({ token: token(n + 1) }))));
    expect(await readdir(dir)).toEqual(['sessions.json']);
    expect((await store.read(local))?.token).toMatch(/^gcis_/);
  });

  it('tightens the mode of a file that was readable by others when it rewrites it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sessions.json'), JSON.stringify({ version: 1, sessions: {} }), { mode: 0o644 });
    await openTokenStore(dir).save(local, session());
    expect((await stat(join(dir, 'sessions.json'))).mode & 0o777).toBe(0o600);
  });

  it('reads nothing for a server it has no entry for, and for a missing file', async () => {
    const store = openTokenStore(await tempDir());
    expect(await store.read(local)).toBeUndefined();
    await store.save(remote, session());
    expect(await store.read(local)).toBeUndefined();
  });

  it('forgets one server and keeps the others', async () => {
    const store = openTokenStore(await tempDir());
    await store.save(local, session({ token: token(1) }));
    await store.save(remote, session({ token: token(2) }));
    expect(await store.remove(local, token(1))).toBe(true);
    expect(await store.read(local)).toBeUndefined();
    expect((await store.read(remote))?.token).toBe(token(2));
  });

  it('does not forget an entry that a newer login replaced', async () => {
    const store = openTokenStore(await tempDir());
    await store.save(local, session({ token: token(2) }));
    expect(await store.remove(local, token(1))).toBe(false);
    expect(await store.read(local)).toEqual(storedSession({ token: token(2) }));
  });

  it.each([
    ['not JSON', '{"version": 1, "sessions": {'],
    ['an unknown format', '{"sessions": {}}'],
    ['an entry without a token', `{"version": 1, "sessions": {"${local}": {"account": "alice"}}}`],
  ])('refuses a file that is %s with ERR_STORE_CORRUPT and leaves it as it was', async (_, content) => {
    const dir = await tempDir();
    const path = join(dir, 'sessions.json');
    await writeFile(path, content, { mode: 0o600 });
    const store = openTokenStore(dir);

    expect(await errorCodeOf(store.read(local))).toBe('ERR_STORE_CORRUPT');
    expect(await errorCodeOf(store.save(local, session()))).toBe('ERR_STORE_CORRUPT');
    expect(await errorCodeOf(store.remove(local, token()))).toBe('ERR_STORE_CORRUPT');
    expect(await readFile(path, 'utf8')).toBe(content);
  });

  it('passes on errors other than a missing file', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'sessions.json'));
    expect(await errorCodeOf(openTokenStore(dir).read(local))).toBe('EISDIR');
  });
});

describe('openTokenStore with several servers', () => {
  it('reads a store written before defaults, aliases and idle ends existed, and keeps its entries when it adds them', async () => {
    const dir = await tempDir();
    const { idleTimeoutSeconds: _, ...old } = session();
    await writeFile(join(dir, 'sessions.json'), JSON.stringify({ version: 1, sessions: { [local]: old } }), { mode: 0o600 });
    const store = openTokenStore(dir);
    expect(await store.read(local)).toEqual(old);
    expect(await store.readAll()).toEqual({ sessions: { [local]: old }, defaultServer: undefined, aliases: {} });
    await store.setDefault(remote, 'prod');
    expect(await store.readAll()).toEqual({ sessions: { [local]: old }, defaultServer: remote, aliases: { prod: remote } });
  });

  it('keeps the default and aliases through saves and removals of sessions', async () => {
    const store = openTokenStore(await tempDir());
    await store.setDefault(remote, 'prod');
    await store.save(local, session());
    await store.remove(local, token());
    await store.setAlias(local, 'dev');
    expect(await store.readAll()).toMatchObject({ defaultServer: remote, aliases: { prod: remote, dev: local } });
  });

  it('moves an alias that named another server', async () => {
    const store = openTokenStore(await tempDir());
    await store.setAlias(local, 'prod');
    await store.setDefault(remote, 'prod');
    expect((await store.readAll()).aliases).toEqual({ prod: remote });
  });

  it('records an idle end only for the token it was asked about, not for one a newer login put there', async () => {
    const store = openTokenStore(await tempDir());
    await store.save(local, session({ token: token(2) }));
    await store.recordIdleEnd(local, token(1), '2026-11-27T09:00:00.000Z');
    expect((await store.read(local))?.idleExpiresAt).toBe('2026-11-27T02:30:10.000Z');
    await store.recordIdleEnd(local, token(2), '2026-11-27T09:00:00.000Z');
    expect((await store.read(local))?.idleExpiresAt).toBe('2026-11-27T09:00:00.000Z');
  });

  it.each([
    ['a default that is not a string', { defaultServer: 1 }],
    ['aliases that are not a map of strings', { aliases: { prod: 1 } }],
    ['aliases that are a list', { aliases: ['prod'] }],
    ['an idle end that is not a date', { sessions: { [local]: { ...session(), idleExpiresAt: 'soon' } } }],
  ])('refuses %s with ERR_STORE_CORRUPT', async (_, fields) => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sessions.json'), JSON.stringify({ version: 1, sessions: {}, ...fields }), { mode: 0o600 });
    expect(await errorCodeOf(openTokenStore(dir).readAll())).toBe('ERR_STORE_CORRUPT');
    expect(await errorCodeOf(openTokenStore(dir).setDefault(local))).toBe('ERR_STORE_CORRUPT');
  });
});

describe('openTokenStore under concurrent writers', () => {
  it('tells save which entry it replaced', async () => {
    const store = openTokenStore(await tempDir());
    expect(await store.save(local, session({ token: token(1) }))).toBeUndefined();
    expect(await store.save(local, session({ token: token(2) }))).toEqual(storedSession({ token: token(1) }));
  });

  it('keeps every entry of 40 saves for 40 servers at once, through separate store objects', async () => {
    const dir = await tempDir();
    const servers = Array.from({ length: 40 }, (_, n) => `http://127.0.0.${n + 1}:8470`);
    await Promise.all(servers.map((server, n) => openTokenStore(dir).save(server, session({ token: token((n % 9) + 1) }))));
    const file = JSON.parse(await readFile(join(dir, 'sessions.json'), 'utf8'));
    expect(Object.keys(file.sessions).sort()).toEqual([...servers].sort());
    expect(await readdir(dir)).toEqual(['sessions.json']); // no lock or temporary file left
  });

  it('keeps every alias, session and idle end of 30 changes of all kinds made at once', async () => {
    const dir = await tempDir();
    await openTokenStore(dir).save(local, session());
    const servers = Array.from({ length: 10 }, (_, n) => `http://127.0.1.${n + 1}:8470`);
    await Promise.all([
      ...servers.map((server, n) => openTokenStore(dir).save(server, session({ token: token((n % 9) + 1) }))),
      ...servers.map((server, n) => openTokenStore(dir).setAlias(server, `s${n}`)),
      ...servers.map((_, n) => openTokenStore(dir).recordIdleEnd(local, token(), `2026-11-27T03:${String(n).padStart(2, '0')}:00.000Z`)),
    ]);
    const { sessions, aliases } = await openTokenStore(dir).readAll();
    expect(Object.keys(sessions).sort()).toEqual([local, ...servers].sort());
    expect(aliases).toEqual(Object.fromEntries(servers.map((server, n) => [`s${n}`, server])));
    expect(sessions[local]?.idleExpiresAt).toMatch(/^2026-11-27T03:0\d:00.000Z$/);
  });

  it('waits for a live holder of the lock, then writes', async () => {
    const dir = await tempDir();
    const holder = await holdLock(dir);
    const saved = openTokenStore(dir).save(local, session());
    expect(await openTokenStore(dir).read(local)).toBeUndefined(); // readers take no lock
    holder.release();
    await saved;
    expect((await openTokenStore(dir).read(local))?.token).toBe(token());
  });

  it('gives up with ERR_STORE_LOCKED while a live process keeps holding the lock, and writes nothing', async () => {
    const dir = await tempDir();
    await openTokenStore(dir).save(remote, session({ token: token(2) }));
    await holdLock(dir);
    const store = openTokenStore(dir, { staleMilliseconds: 60_000, waitMilliseconds: 500 });
    expect(await errorCodeOf(store.save(local, session()))).toBe('ERR_STORE_LOCKED');
    expect(await errorCodeOf(store.remove(remote, token(2)))).toBe('ERR_STORE_LOCKED');
    expect(Object.keys(JSON.parse(await readFile(join(dir, 'sessions.json'), 'utf8')).sessions)).toEqual([remote]);
  });

  it('takes over a lock left by a process killed while holding it', async () => {
    const dir = await tempDir();
    const holder = await holdLock(dir);
    holder.child.kill('SIGKILL');
    await once(holder.child, 'exit');
    expect(await readdir(dir)).toContain('sessions.json.lock');
    const store = openTokenStore(dir, { staleMilliseconds: 2000, waitMilliseconds: 20_000 });
    await store.save(local, session());
    expect((await store.read(local))?.token).toBe(token());
    expect(await readdir(dir)).toEqual(['sessions.json']);
  });
});

/**
 * Another process holding the store's lock the way gcis takes it (proper-lockfile, refreshed
 * while held); `release` makes it let go and exit.
 */
async function holdLock(dir: string) {
  const lockfile = createRequire(import.meta.url).resolve('proper-lockfile');
  const script = `
    const { lock } = require(${JSON.stringify(lockfile)});
    lock(${JSON.stringify(join(dir, 'sessions.json'))}, { realpath: false, stale: 2000 }).then((release) => {
      process.stdout.write('locked\\n');
      process.stdin.once('data', () => release().then(() => process.exit(0)));
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  await once(child.stdout, 'data');
  return { child, release: () => child.stdin.write('go\n') };
}

describe('resolveConfigDir', () => {
  it('prefers GCIS_CONFIG_DIR, then an absolute XDG_CONFIG_HOME, then ~/.config', () => {
    const home = '/home/alice';
    expect(resolveConfigDir({ GCIS_CONFIG_DIR: '/tmp/g', XDG_CONFIG_HOME: '/x' }, home)).toBe('/tmp/g');
    expect(resolveConfigDir({ XDG_CONFIG_HOME: '/x' }, home)).toBe('/x/gcis');
    expect(resolveConfigDir({ XDG_CONFIG_HOME: 'relative' }, home)).toBe('/home/alice/.config/gcis');
    expect(resolveConfigDir({}, home)).toBe('/home/alice/.config/gcis');
  });
});
