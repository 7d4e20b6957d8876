import { sessionState } from '@gcis/core/session';
import { describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/testServer.js';
import { purgeTasks } from './purgeTasks.js';

const now = new Date('2026-11-27T02:00:10Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
const minute = 60;
const hour = 3600;

async function setup() {
  const server = await createTestServer();
  const tasks = Object.fromEntries(purgeTasks(server.context).map((task) => [task.name, task.purge]));
  const rows = (table: string) => server.data.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return { server, store: server.data.store, tasks, count: (table: string) => rows(table).n };
}

function addSession(server: TestServer, name: string, { issued, seen, revoked }: { issued: number; seen: number; revoked?: boolean }) {
  const { sessions } = server.data.store;
  sessions.insert({ tokenHash: name, accountId: 1, method: 'totp', issuedAt: at(issued) });
  sessions.touch(name, at(seen));
  if (revoked) sessions.revoke(name, at(seen));
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
    addSession(server, 'live', { issued: -hour, seen: -minute });
    addSession(server, 'revoked', { issued: -minute, seen: -minute, revoked: true });
    addSession(server, 'absolute', { issued: -12 * hour - 1, seen: -minute });
    addSession(server, 'idle', { issued: -hour, seen: -30 * minute - 1 });
    addSession(server, 'almost-absolute', { issued: -12 * hour + 1, seen: -minute });
    addSession(server, 'almost-idle', { issued: -hour, seen: -30 * minute + 1 });
    expect(tasks.sessions!(now)).toBe(3);
    const left = ['live', 'revoked', 'absolute', 'idle', 'almost-absolute', 'almost-idle'].filter((name) => store.sessions.find(name));
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
    for (const c of cases) addSession(server, c.name, c);
    tasks.sessions!(now);
    for (const c of cases) {
      const state = sessionState({ issuedAt: new Date(at(c.issued)), lastSeenAt: new Date(at(c.seen)) }, now, config);
      const kept = store.sessions.find(c.name) !== undefined;
      // Dead to the second is deleted; dead exactly at the limit waits for the next run.
      const atLimit = c.issued === -config.absoluteSeconds || c.seen === -config.idleSeconds;
      expect([c.name, kept]).toEqual([c.name, state.active || atLimit]);
    }
  });

  it('deletes used and expired captchas and challenges, keeping unused live ones answerable', async () => {
    const { store, tasks } = await setup();
    for (const repo of [store.captchas, store.certificateChallenges]) {
      repo.insert('live', 'x', at(minute));
      repo.insert('used', 'x', at(minute));
      repo.insert('expired', 'x', at(-1));
      repo.take('used');
    }
    expect(tasks.captchas!(now)).toBe(2);
    expect(tasks.certificateChallenges!(now)).toBe(2);
    for (const repo of [store.captchas, store.certificateChallenges]) {
      expect(repo.take('used')).toBeUndefined();
      expect(repo.take('expired')).toBeUndefined();
      expect(repo.take('live')).toMatchObject({ id: 'live', used: 0 });
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
    add('pending', -minute);
    add('abandoned', -2 * hour); // never polled to an end: still 'pending', long expired
    add('approved-old', -2 * hour);
    store.pushTransactions.finish('approved-old', 'approved', at(-2 * hour + minute));
    store.pushTransactions.useSignedResponse('old-response', 'approved-old', at(-2 * hour + minute));
    add('denied-recent', -50 * minute);
    store.pushTransactions.finish('denied-recent', 'denied', at(-49 * minute));
    add('approved-recent', -10 * minute);
    store.pushTransactions.finish('approved-recent', 'approved', at(-9 * minute));
    store.pushTransactions.useSignedResponse('recent-response', 'approved-recent', at(-9 * minute));
    const lastHour = store.pushTransactions.countSince('id-mac', at(-hour));

    expect(tasks.pushTransactions!(now)).toBe(2);
    expect(tasks.pushSignedResponses!(now)).toBe(1);
    expect(['pending', 'abandoned', 'approved-old', 'denied-recent', 'approved-recent'].filter((id) => store.pushTransactions.get(id))).toEqual([
      'pending',
      'denied-recent',
      'approved-recent',
    ]);
    expect(store.pushTransactions.signedResponseUsed('recent-response')).toBe(true);
    expect(count('push_signed_responses')).toBe(1);
    expect(store.pushTransactions.countSince('id-mac', at(-hour))).toEqual(lastHour);
  });

  it('deletes check codes past their end of day only', async () => {
    const { store, tasks } = await setup();
    const bob = store.accounts.insert({ ...store.accounts.get(1)!, account: 'bob', email: 'bob@example.com', nationalIdHmac: null, nationalIdMasked: null, passwordHash: 'x', createdAt: at(0) });
    store.oneDayPasswords.set({ accountId: 1, codeHash: 'a', issuedAt: at(-hour), expiresAt: at(hour) });
    store.oneDayPasswords.set({ accountId: bob, codeHash: 'b', issuedAt: at(-25 * hour), expiresAt: at(-1) });
    expect(tasks.oneDayPasswords!(now)).toBe(1);
    expect(store.oneDayPasswords.get(1)).toBeDefined();
    expect(store.oneDayPasswords.get(bob)).toBeUndefined();
  });

  it('deletes throttle counters whose window has passed, keeping those still counting or locked', async () => {
    const { store, tasks } = await setup();
    const counter = (account: string, expires: number, lockedUntil: number | null) =>
      store.throttle.put({
        method: 'totp',
        account,
        source: '',
        failures: 3,
        lock_level: lockedUntil === null ? 0 : 1,
        locked_until: lockedUntil === null ? null : at(lockedUntil),
        last_failure_at: at(expires - hour),
        expires_at: at(expires),
      });
    counter('forgotten', -1, null);
    counter('lock-long-over', -minute, -hour - minute);
    counter('counting', hour - minute, null);
    counter('locked', 2 * hour, minute);
    expect(tasks.throttle!(now)).toBe(2);
    const left = ['forgotten', 'lock-long-over', 'counting', 'locked'].filter((account) => store.throttle.get({ method: 'totp', account, source: '' }));
    expect(left).toEqual(['counting', 'locked']);
  });

  it('finds nothing to delete a second time', async () => {
    const { server, tasks } = await setup();
    addSession(server, 'revoked', { issued: -minute, seen: -minute, revoked: true });
    server.data.store.captchas.insert('expired', 'x', at(-1));
    const first = Object.values(tasks).map((purge) => purge(now));
    expect(first.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(Object.values(tasks).map((purge) => purge(now))).toEqual(first.map(() => 0));
  });
});
