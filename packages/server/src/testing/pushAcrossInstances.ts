import { GcisError, systemClock } from '@gcis/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/Store.js';
import { createPushTestServer, type PushTestServer } from './pushTestServer.js';
import { createTestDatabase } from './testDatabase.js';

/**
 * The tests of push login across instances, for one kind of store: two instances of one server on
 * one database (two Store connections), each with its own push runtime and app, against one
 * emulator — what a load balancer in front of two processes gives a client that long-polls
 * whichever it is sent to: on SQLite, two connections to one file; on PostgreSQL, two pools (each
 * with its LISTEN client) on one fresh database, whose events cross by NOTIFY.
 */
export function describePushAcrossInstances(kind: Store['kind']) {
  let server: PushTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function twoInstances(options: Parameters<typeof createPushTestServer>[0] = {}, second: Parameters<PushTestServer['secondInstance']>[0] = {}) {
    const databaseUrl = kind === 'postgres' ? await createTestDatabase() : undefined;
    server = await createPushTestServer({ ...options, ...(databaseUrl && { databaseUrl }) });
    const b = await server.secondInstance(second);
    const phone = await server.bindPhone();
    return { a: server, b, phone };
  }

  const pollsOf = (server: PushTestServer, instance?: string) =>
    server.calls.filter((call) => call.op === 'getAthOrSignResult' && (instance === undefined || call.instance === instance));

  /** A promise and the function that resolves it. */
  function signal<T = void>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((done) => (resolve = done));
    return { promise, resolve };
  }

  describe(`push login across instances (${kind})`, () => {
    it('is started on one instance and long-polled on the other, which polls the service and hands out the session', async () => {
      const { a, b, phone } = await twoInstances();
      const { transactionId } = (await a.start()).json();
      await phone.approve();
      const approved = (await b.status(transactionId, 5)).json();
      expect(approved).toMatchObject({ status: 'approved', session: { account: 'mei', method: 'push' } });
      expect(pollsOf(a, 'A')).toHaveLength(0);
      expect((await a.status(transactionId)).json()).toEqual({ status: 'approved', expiresAt: approved.expiresAt });
      for (const app of [a.app, b.app]) {
        const whoami = await app.inject({ method: 'GET', url: '/v1/session', headers: { authorization: `Bearer ${approved.session.token}` } });
        expect(whoami.json()).toMatchObject({ account: 'mei', method: 'push' });
      }
    });

    it('polls the service one instance at a time and no faster than the interval in all, while clients wait on both', async () => {
      // The real clock: lease times must move for the instances to hand the lease between them.
      const { a, b } = await twoInstances({ push: { pollIntervalSeconds: 0.2 } }, { clock: systemClock });
      a.context.clock = systemClock;
      const { transactionId } = (await a.start()).json();
      // A's client alone, then both at once, then only B's client is left: B must take over from A.
      await a.status(transactionId);
      await Promise.all([a.status(transactionId, 1), b.status(transactionId, 1), b.status(transactionId, 1)]);
      await b.status(transactionId, 2);
      const polls = pollsOf(a);
      for (let index = 1; index < polls.length; index++) expect(polls[index]!.at - polls[index - 1]!.at).toBeGreaterThanOrEqual(195);
      expect(polls.length).toBeLessThanOrEqual(16); // 3 s of waiting / 0.2 s, and the first poll
      expect(new Set(polls.map((poll) => poll.instance))).toEqual(new Set(['A', 'B']));
    });

    it('gives the session to exactly one of 20 long polls spread over both instances, whichever approved', async () => {
      const { a, b, phone } = await twoInstances();
      const { transactionId } = (await a.start()).json();
      const waiting = Array.from({ length: 20 }, (_, index) => (index % 2 ? b : a).status(transactionId, 10));
      await phone.approve();
      const answers = (await Promise.all(waiting)).map((response) => response.json());
      expect(answers.every((answer) => answer.status === 'approved')).toBe(true);
      expect(answers.filter((answer) => answer.session)).toHaveLength(1);
      // Later polls on either instance: approved, and no second session.
      const later = await Promise.all([a.status(transactionId), b.status(transactionId), b.status(transactionId, 1)]);
      expect(later.map((response) => response.json().session)).toEqual([undefined, undefined, undefined]);
    });

    it('takes the polling over from an instance that died mid-poll once its lease runs out, and not before', async () => {
      const { a, b, phone } = await twoInstances({ runtime: { pollLeaseMs: 20_000 } });
      const hung = signal();
      const original = a.context.push.transport;
      const release = signal();
      a.context.push.transport = async (url, body) => {
        if (!url.endsWith('getAthOrSignResult')) return original(url, body);
        hung.resolve();
        // No answer until the test says so: as good as dead, lease held.
        return release.promise.then(() => Promise.reject(new GcisError('ERR_PUSH_SERVICE', 'connection reset')));
      };
      const { transactionId } = (await a.start()).json();
      const deadA = a.status(transactionId, 1);
      await hung.promise;
      await phone.approve();

      // B cannot take the lease while A's is running (the clock stands still) ...
      let refused = signal();
      const lease = b.store.pushTransactions.leasePoll.bind(b.store.pushTransactions);
      b.store.pushTransactions.leasePoll = async (...args) => {
        const taken = await lease(...args);
        if (!taken) refused.resolve();
        return taken;
      };
      const waitingB = b.status(transactionId, 10);
      await refused.promise;
      // ... nor a second before it runs out (20 s after A's poll began) ...
      refused = signal();
      a.advance(19);
      await refused.promise;
      expect(pollsOf(a, 'B')).toHaveLength(0);
      // ... and takes it once it did.
      a.advance(2);
      const approved = (await waitingB).json();
      expect(approved).toMatchObject({ status: 'approved', session: { account: 'mei' } });
      expect(pollsOf(a, 'B').length).toBeGreaterThanOrEqual(1);

      // A's stale poll comes back at last, failed: no second session, nothing undone.
      release.resolve();
      expect((await deadA).json()).toMatchObject({ status: 'approved' });
      expect((await deadA).json().session).toBeUndefined();
    });

    it('wakes a long poll on one instance through the store event when the other ends the login, without re-reading meanwhile', async () => {
      // A long interval and no safety re-read within the test: only the event can wake B in time.
      const { a, b } = await twoInstances({ push: { pollIntervalSeconds: 30, lifetimeSeconds: 60 } }, { rereadMs: 60_000 });
      const { transactionId } = (await a.start()).json();
      let reads = 0;
      const sleeping = signal();
      const get = b.store.pushTransactions.get.bind(b.store.pushTransactions);
      b.store.pushTransactions.get = async (id) => {
        const row = await get(id);
        if (++reads === 2) sleeping.resolve(); // the read after B's first poll, done: B sleeps next
        return row;
      };
      const began = performance.now();
      const waiting = b.status(transactionId, 20);
      await sleeping.promise;
      expect((await a.cancel(transactionId)).json()).toMatchObject({ status: 'cancelled' });
      expect((await waiting).json()).toMatchObject({ status: 'cancelled' });
      expect(reads).toBe(3); // before the poll, after it, and once woken
      expect(performance.now() - began).toBeLessThan(10_000); // woken, not at the end of its 20 s wait
    });

    // Only SQLite instances can miss each other's events: PostgreSQL's reach every connection.
    if (kind === 'sqlite') {
      it('still learns the outcome by the slow safety re-read when no event reaches it (SQLite shared by two processes)', async () => {
        const { a, b } = await twoInstances({ push: { pollIntervalSeconds: 30, lifetimeSeconds: 60 } }, { linkEvents: false, rereadMs: 100 });
        const { transactionId } = (await a.start()).json();
        const began = performance.now();
        const waiting = b.status(transactionId, 20);
        await a.cancel(transactionId);
        expect((await waiting).json()).toMatchObject({ status: 'cancelled' });
        expect(performance.now() - began).toBeLessThan(10_000); // re-read, not at the end of its 20 s wait
      });
    }

    it('approves once when both instances poll the same approval at once (one lease, one signed response)', async () => {
      const { a, b, phone } = await twoInstances();
      const { transactionId } = (await a.start()).json();
      await phone.approve();
      const answers = (await Promise.all([a.status(transactionId, 5), b.status(transactionId, 5)])).map((response) => response.json());
      expect(answers.filter((answer) => answer.session)).toHaveLength(1);
      expect(pollsOf(a)).toHaveLength(1);
    });
  });
}
