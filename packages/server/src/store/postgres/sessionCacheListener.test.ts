import { afterEach, describe, expect, it } from 'vitest';
import { storeRows } from '../../testing/storeRows.js';
import { twoSessionInstances, until } from '../../testing/twoSessionInstances.js';

/**
 * The session cache (login/sessionCache.ts) when an instance stops hearing the others: its
 * listening connection is killed on the database (pg_terminate_backend, by the database's owner
 * role, which may end its own connections) and comes back only after 2 s, so what happens while
 * it is down can be seen.
 */
describe('session checks on PostgreSQL while an instance cannot hear revocations', () => {
  let instances: Awaited<ReturnType<typeof twoSessionInstances>> | undefined;
  afterEach(async () => {
    await instances?.close();
    instances = undefined;
  });

  it('reads the database for every check while its listener is down, and does not trust rows kept before it came back', async () => {
    instances = await twoSessionInstances({ b: { reconnectDelayMs: { first: 2_000, max: 2_000 } } });
    const { a, b, check, logout, newToken } = instances;
    const token = instances.token;
    const keptThrough = await newToken(); // logged in first: logins move the clock, which ages kept rows
    for (const bearer of [token, keptThrough]) expect((await check(b, bearer)).statusCode).toBe(200);
    const reads = b.reads.count;
    for (const bearer of [token, keptThrough]) expect((await check(b, bearer)).statusCode).toBe(200);
    expect(b.reads.count).toBe(reads); // both kept
    const period = b.store.events.receiving();
    expect(period).toBeTypeOf('number');

    const listeners = await storeRows(b.store, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
    expect(listeners).toHaveLength(2); // A's and B's
    for (const { pid } of listeners) await storeRows(b.store, 'SELECT pg_terminate_backend($1)', [pid]);
    await until(() => b.store.events.receiving() === undefined);

    // Down: every check reads the database, kept or not.
    const downReads = b.reads.count;
    expect((await check(b, token)).statusCode).toBe(200);
    expect((await check(b, token)).statusCode).toBe(200);
    expect(b.reads.count - downReads).toBe(2);
    // Both revoked on A while B cannot hear it: refused on B at once, without any event.
    expect((await logout(a, token)).statusCode).toBe(200);
    expect((await logout(a, keptThrough)).statusCode).toBe(200);
    expect((await check(b, token)).json().error.code).toBe('ERR_UNAUTHENTICATED');
    expect(b.store.events.receiving()).toBeUndefined(); // all of that happened while B was deaf

    await until(() => b.store.events.receiving() !== undefined);
    expect(b.store.events.receiving()).not.toBe(period);
    // keptThrough's row was kept before the drop and never checked since: the missed revocation must not be.
    expect((await check(b, keptThrough)).json().error.code).toBe('ERR_UNAUTHENTICATED');
    expect((await check(b, token)).json().error.code).toBe('ERR_UNAUTHENTICATED');

    // Listening again, B keeps rows again.
    const fresh = await newToken();
    expect((await check(b, fresh)).statusCode).toBe(200);
    const upReads = b.reads.count;
    expect((await check(b, fresh)).statusCode).toBe(200);
    expect(b.reads.count).toBe(upReads);
  });

  it('keeps no row read while its listener was down, even if the read ends after it is back', async () => {
    instances = await twoSessionInstances({ b: { reconnectDelayMs: { first: 300, max: 300 } } });
    const { b, check } = instances;
    const listeners = await storeRows(b.store, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
    expect(listeners).toHaveLength(2);
    for (const { pid } of listeners) await storeRows(b.store, 'SELECT pg_terminate_backend($1)', [pid]);
    await until(() => b.store.events.receiving() === undefined);
    // The read starts while B is deaf and is held until B listens again.
    const find = b.store.sessions.find;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    b.store.sessions.find = async (tokenHash) => {
      const row = await find(tokenHash);
      await held;
      return row;
    };
    const checking = check(b);
    await until(() => b.store.events.receiving() !== undefined);
    release();
    expect((await checking).statusCode).toBe(200);
    expect(b.context.sessions.size()).toBe(0);
  });
});
