import { sessionState } from '@gcis/core/session';
import { describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/testServer.js';
import { sqliteHandle } from '../store/sqlite/sqliteHandle.js';
import { purgeTasks } from './purgeTasks.js';

const now = new Date('2026-11-27T02:00:10Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
const minute = 60;
const hour = 3600;

async function setup() {
  const server = await createTestServer();
  const tasks = Object.fromEntries(purgeTasks(server.context).map((task) => [task.name, task.purge]));
  const rows = (table: string) => sqliteHandle(server.data.store).prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return { server, store: server.data.store, tasks, count: (table: string) => rows(table).n };
}

async function addSession(server: TestServer, name: string, { issued, seen, revoked }: { issued: number; seen: number; revoked?: boolean }) {
  const { sessions } = server.data.store;
  await sessions.insert({ tokenHash: name, accountId: 1, method: 'totp', issuedAt: at(issued) });
  await sessions.touch(name, at(seen));
  if (revoked) await sessions.revoke(name, at(seen));
}

/** The names whose row `find` still finds, in order. */
async function kept<T>(names: string[], find: (name: string) => Promise<T | undefined>): Promise<string[]> {
  const found = await Promise.all(names.map(find));
  return names.filter((_, index) => found[index] !== undefined);
}

describe('housekeeping purge tasks', () => {
  it('has one named task per table, the throttle one included', async () => {
    const { tasks } = await setup();
    expect(Object.keys(tasks)).toEqual([
      'sessions',
      'captchas',
      'certificateChallenges',
      'pushTransactions',
      'pushSignedResponses',
      'oneDayPasswords',
      'throttle',
    ]);
  });

  it('deletes revoked, absolutely expired and idle sessions, and keeps live ones', async () => {
    const { server, store, tasks } = await setup();
    await addSession(server, 'live', { issued: -hour, seen: -minute });
    await addSession(server, 'revoked', { issued: -minute, seen: -minute, revoked: true });
    await addSession(server, 'absolute', { issued: -12 * hour - 1, seen: -minute });
    await addSession(server, 'idle', { issued: -hour, seen: -30 * minute - 1 });
    await addSession(server, 'almost-absolute', { issued: -12 * hour + 1, seen: -minute });
    await addSession(server, 'almost-idle', { issued: -hour, seen: -30 * minute + 1 });
    expect(await tasks.sessions!(now)).toBe(3);
    const left = await kept(['live', 'revoked', 'absolute', 'idle', 'almost-absolute', 'almost-idle'], (name) => store.sessions.find(name));
    expect(left).toEqual(['live', 'almost-absolute', 'almost-idle']);
  });

  it('never deletes a session the server would still accept, across every second around both limits', async () => {
    const { server, store, tasks } = await setup();
    const config = server.context.config.session;
    const cases: Array<{ name: string; issued: number; seen: number }> = [];
    for (let delta = -3; delta <= 3; delta++) {
      cases.push({ name: `abs${delta}`, issued: -config.absoluteSeconds + delta, seen: -minute });
      cases.push({ name: `idle${delta}`, issued: -hour, seen: -config.idleSeconds + delta });
    }
    for (const c of cases) await addSession(server, c.name, c);
    await tasks.sessions!(now);
    for (const c of cases) {
      const state = sessionState({ issuedAt: new Date(at(c.issued)), lastSeenAt: new Date(at(c.seen)) }, now, config);
      const kept = (await store.sessions.find(c.name)) !== undefined;
      // Dead to the second is deleted; dead exactly at the limit waits for the next run.
      const atLimit = c.issued === -config.absoluteSeconds || c.seen === -config.idleSeconds;
      expect([c.name, kept]).toEqual([c.name, state.active || atLimit]);
    }
  });

  it('deletes used and expired captchas and challenges, keeping unused live ones answerable', async () => {
    const { store, tasks } = await setup();
    for (const repo of [store.captchas, store.certificateChallenges]) {
      await repo.insert('live', 'x', at(minute));
      await repo.insert('used', 'x', at(minute));
      await repo.insert('expired', 'x', at(-1));
      await repo.take('used');
    }
    expect(await tasks.captchas!(now)).toBe(2);
    expect(await tasks.certificateChallenges!(now)).toBe(2);
    for (const repo of [store.captchas, store.certificateChallenges]) {
      expect(await repo.take('used')).toBeUndefined();
      expect(await repo.take('expired')).toBeUndefined();
      expect(await repo.take('live')).toMatchObject({ id: 'live', used: 0 });
    }
  });

  it('deletes push transactions that ended before the retention, with their replay records, and keeps the per-ID hour intact', async () => {
    const { server, store, tasks, count } = await setup();
    server.context.config.housekeeping.pushRetentionSeconds = hour;
    const add = (id: string, created: number, lifetime = 2 * minute) =>
      store.pushTransactions.insert({
        id,
        nationalIdHmac: 'id-mac',
        nationalIdSealed: Buffer.from('sealed'),
        accountId: 1,
        matchCode: '42',
        origin: 'https://gcis.test',
        createdAt: at(created),
        expiresAt: at(created + lifetime),
      });
    await add('pending', -minute);
    await add('abandoned', -2 * hour); // never polled to an end: still 'pending', long expired
    const approve = (id: string, responseHash: string, when: number) =>
      store.pushTransactions.approve({
        id,
        responseHash,
        at: at(when),
        session: { tokenHash: `session-of-${id}`, accountId: 1, method: 'push', issuedAt: at(when) },
        tokenSealed: Buffer.from('sealed token'),
      });
    await add('approved-old', -2 * hour);
    expect(await approve('approved-old', 'old-response', -2 * hour + minute)).toBe('approved');
    await add('denied-recent', -50 * minute);
    await store.pushTransactions.finish('denied-recent', 'denied', at(-49 * minute));
    await add('approved-recent', -10 * minute);
    expect(await approve('approved-recent', 'recent-response', -9 * minute)).toBe('approved');
    const lastHour = await store.pushTransactions.countSince('id-mac', at(-hour));

    expect(await tasks.pushTransactions!(now)).toBe(2);
    expect(await tasks.pushSignedResponses!(now)).toBe(1);
    expect(await kept(['pending', 'abandoned', 'approved-old', 'denied-recent', 'approved-recent'], (id) => store.pushTransactions.get(id))).toEqual([
      'pending',
      'denied-recent',
      'approved-recent',
    ]);
    expect(await store.pushTransactions.signedResponseUsed('recent-response')).toBe(true);
    expect(count('push_signed_responses')).toBe(1);
    expect(await store.pushTransactions.countSince('id-mac', at(-hour))).toEqual(lastHour);
  });

  it('deletes check codes past their end of day only', async () => {
    const { store, tasks } = await setup();
    const bob = await store.accounts.insert({ ...(await store.accounts.get(1))!, account: 'bob', email: 'bob@example.com', nationalIdHmac: null, nationalIdMasked: null, passwordHash: 'x', createdAt: at(0) });
    await store.oneDayPasswords.set({ accountId: 1, codeHash: 'a', issuedAt: at(-hour), expiresAt: at(hour) });
    await store.oneDayPasswords.set({ accountId: bob, codeHash: 'b', issuedAt: at(-25 * hour), expiresAt: at(-1) });
    expect(await tasks.oneDayPasswords!(now)).toBe(1);
    expect(await store.oneDayPasswords.get(1)).toBeDefined();
    expect(await store.oneDayPasswords.get(bob)).toBeUndefined();
  });

  it('deletes throttle counters whose window has passed, keeping those still counting or locked', async () => {
    const { store, tasks } = await setup();
    const counter = (account: string, expires: number, lockedUntil: number | null) =>
      store.throttle.change([{ method: 'totp', account, source: '' }], () => ({ result: undefined, rows: [{
        method: 'totp',
        account,
        source: '',
        failures: 3,
        lock_level: lockedUntil === null ? 0 : 1,
        locked_until: lockedUntil === null ? null : at(lockedUntil),
        last_failure_at: at(expires - hour),
        expires_at: at(expires),
      }] }));
    await counter('forgotten', -1, null);
    await counter('lock-long-over', -minute, -hour - minute);
    await counter('counting', hour - minute, null);
    await counter('locked', 2 * hour, minute);
    expect(await tasks.throttle!(now)).toBe(2);
    const left = await kept(['forgotten', 'lock-long-over', 'counting', 'locked'], (account) => store.throttle.get({ method: 'totp', account, source: '' }));
    expect(left).toEqual(['counting', 'locked']);
  });

  it('finds nothing to delete a second time', async () => {
    const { server, tasks } = await setup();
    await addSession(server, 'revoked', { issued: -minute, seen: -minute, revoked: true });
    await server.data.store.captchas.insert('expired', 'x', at(-1));
    const runAll = async () => {
      const counts = [];
      for (const purge of Object.values(tasks)) counts.push(await purge(now));
      return counts;
    };
    const first = await runAll();
    expect(first.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(await runAll()).toEqual(first.map(() => 0));
  });
});
