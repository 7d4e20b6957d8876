import { cryptoRandom } from '@gcis/core';
import { createSessionToken } from '@gcis/core/session';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionCache } from '../login/sessionCache.js';
import { testStoreKind } from '../testing/testStore.js';
import { nextEvent, twoSessionInstances, until } from '../testing/twoSessionInstances.js';


describe(`session checks on two instances of one ${testStoreKind} store`, () => {
  let instances: Awaited<ReturnType<typeof twoSessionInstances>> | undefined;
  afterEach(async () => {
    await instances?.close();
    instances = undefined;
  });

  it('refuses on B a session logged out on A once the revocation reaches B, though B kept its row', async () => {
    instances = await twoSessionInstances();
    const { a, b, check, logout } = instances;
    expect((await check(b)).statusCode).toBe(200);
    const readsAfterFirst = b.reads.count;
    expect((await check(b)).statusCode).toBe(200);
    expect(b.reads.count - readsAfterFirst).toBe(0);
    expect(b.context.sessions.size()).toBe(1);

    const heard = nextEvent(b.store, (event) => event.kind === 'session-revoked');
    expect((await logout(a)).json()).toEqual({ revoked: true });
    await heard;
    for (const instance of [b, a]) expect((await check(instance)).json().error.code).toBe('ERR_UNAUTHENTICATED');
    expect(b.context.sessions.size()).toBe(0);
  });

  it('reads a kept row again before refusing it as idle: the session may have been used on the other instance', async () => {
    instances = await twoSessionInstances({ cache: { ttlMs: 3_600_000 } }); // so the kept row is not simply too old
    const { a, b, check } = instances;
    expect((await check(b)).statusCode).toBe(200);
    a.advance(1_000);
    expect((await check(a)).statusCode).toBe(200); // writes the last use; B still keeps the first
    a.advance(1_000); // 2,000 s after B's check: idle by B's kept row (30 min), live by the store
    const response = await check(b);
    expect(response.statusCode).toBe(200);
    expect(response.json().idleExpiresAt).toBe(new Date(a.clock.now().getTime() + 1_800_000).toISOString());
    a.advance(1_801);
    expect((await check(b)).json().error.code).toBe('ERR_UNAUTHENTICATED');
    expect(b.context.sessions.size()).toBe(0);
  });

  it('answers no check started after the logout with success, of thousands on both instances racing it', async () => {
    instances = await twoSessionInstances();
    const { a, b, check, logout } = instances;
    expect((await check(b)).statusCode).toBe(200); // kept on B
    let logoutAnswered = false;
    let bHeard = false;
    const stop = b.store.events.subscribe((event) => void (event.kind === 'session-revoked' && (bHeard = true)));
    const checks: Array<Promise<{ status: number; after: boolean }>> = [];
    let logoutResponse: Promise<unknown> | undefined;
    let afterOnBoth = 0;
    // Batches of 50, a turn of the event loop apart; the logout goes out after 500 checks, and checks go on until 200 started after it on each.
    while (checks.length < 1_000 || afterOnBoth < 200) {
      for (let index = 0; index < 50; index++) {
        const onA = index % 2 === 0;
        const after = onA ? logoutAnswered : bHeard;
        if (after) afterOnBoth += 1;
        checks.push(check(onA ? a : b).then((response) => ({ status: response.statusCode, after })));
      }
      if (checks.length === 500) logoutResponse = logout(a).then(() => void (logoutAnswered = true));
      await new Promise((resolve) => setImmediate(resolve));
      if (checks.length > 20_000) throw new Error('the logout never finished');
    }
    await logoutResponse;
    stop();
    const results = await Promise.all(checks);
    expect(results.filter((result) => result.after && result.status !== 401)).toEqual([]);
    expect(results.filter((result) => result.status !== 200 && result.status !== 401)).toEqual([]);
    expect(results.filter((result) => result.status === 200).length).toBeGreaterThan(0);
  });

  it('keeps no row for made-up, ended or revoked tokens, however many are sent', async () => {
    instances = await twoSessionInstances();
    const { a, b, check, logout, newToken } = instances;
    const revoked = await newToken();
    const heard = nextEvent(b.store, (event) => event.kind === 'session-revoked');
    expect((await logout(a, revoked)).statusCode).toBe(200);
    await heard; // else B does not keep a row it read while a revocation was on its way
    expect((await check(b)).statusCode).toBe(200);
    const before = b.context.sessions.size();
    const madeUp = Array.from({ length: 2_000 }, () => createSessionToken(cryptoRandom).token);
    const answers = await Promise.all([...madeUp, ...Array(200).fill(revoked)].map((token) => check(b, token)));
    expect(answers.every((answer) => answer.json().error?.code === 'ERR_UNAUTHENTICATED')).toBe(true);
    expect(b.context.sessions.size()).toBe(before);
    expect(before).toBe(1);
  });

  it('holds no more rows than its bound, the least recently used going first', async () => {
    instances = await twoSessionInstances();
    const { b, check, newToken } = instances;
    const tokens = [instances.token, await newToken(), await newToken()];
    b.context.sessions.close();
    b.context.sessions = sessionCache(b.store, b.context.config, { maxEntries: 2 });
    for (const token of tokens) expect((await check(b, token)).statusCode).toBe(200);
    expect(b.context.sessions.size()).toBe(2);
    const reads = b.reads.count;
    expect((await check(b, tokens[2])).statusCode).toBe(200); // kept
    expect((await check(b, tokens[0])).statusCode).toBe(200); // pushed out by the third: read again
    expect(b.reads.count - reads).toBe(1);
  });
});
