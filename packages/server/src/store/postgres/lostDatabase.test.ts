import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer } from '../../testing/testServer.js';
import { startTestPostgres, type TestPostgres } from '../../testing/testPostgres.js';
import type { Store, StoreEvent } from '../Store.js';
import { openPostgresStore } from './openPostgresStore.js';

/** Runs SQL as the superuser, behind the stores' backs. */
async function asSuperuser<R extends pg.QueryResultRow>(cluster: TestPostgres, database: string, sql: string, values: unknown[] = []) {
  const url = new URL(cluster.superuserUrl);
  url.pathname = new URL(database).pathname;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Resolves with the first event `store` hands its subscribers that `wanted` accepts. */
function nextEvent(store: Store, wanted: (event: StoreEvent) => boolean = () => true): Promise<StoreEvent> {
  return new Promise((resolve) => {
    const stop = store.events.subscribe((event) => wanted(event) && (stop(), resolve(event)));
  });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

// Its own cluster: these tests stop, kill and cut off the database under the stores.
describe('a PostgreSQL store that loses its database', () => {
  let cluster: TestPostgres;
  beforeAll(async () => {
    cluster = await startTestPostgres();
  });
  afterAll(() => cluster?.remove());

  it('answers ERR_STORE_UNAVAILABLE while the database is down and works again once it is back, by itself', async () => {
    const store = await openPostgresStore(await cluster.createDatabase(), { connectTimeoutMs: 2000, reconnectDelayMs: { first: 50, max: 200 } });
    try {
      await store.adminCredentials.add('before', '2026-11-27T00:00:00.000Z');
      await cluster.stop();
      await expect(store.adminCredentials.has('before')).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
      await expect(store.throttle.change([{ method: 'totp', account: 'x', source: '' }], () => ({ rows: [null], result: 1 }))).rejects.toMatchObject({
        code: 'ERR_STORE_UNAVAILABLE',
      });
      await cluster.start();
      expect(await store.adminCredentials.has('before')).toBe(true);

      await cluster.kill();
      await expect(store.adminCredentials.has('before')).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
      await cluster.start();
      expect(await store.adminCredentials.has('before')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('rolls back a transaction cut off half-way: no response spent, no session, still pending', async () => {
    const url = await cluster.createDatabase();
    const store = await openPostgresStore(url);
    try {
      const accountId = await store.accounts.insert({
        account: 'mei',
        name: '王小美',
        email: 'mei@example.com',
        nationalIdHmac: 'mac',
        nationalIdMasked: null,
        passwordHash: 'h',
        createdAt: '2026-11-27T00:00:00.000Z',
      });
      await store.pushTransactions.insert({
        id: 'push-1',
        nationalIdHmac: 'mac',
        nationalIdSealed: Buffer.from('id'),
        accountId,
        matchCode: '42',
        origin: 'https://app.example',
        createdAt: '2026-11-27T00:00:00.000Z',
        expiresAt: '2026-11-27T00:05:00.000Z',
      });
      // Hold the transaction's row, so approve stops after spending the response, then cut its connection.
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query("SELECT 1 FROM push_transactions WHERE id = 'push-1' FOR UPDATE");
      const approving = store.pushTransactions
        .approve({
          id: 'push-1',
          responseHash: 'response',
          at: '2026-11-27T00:01:00.000Z',
          session: { tokenHash: 'token-hash', accountId, method: 'push', issuedAt: '2026-11-27T00:01:00.000Z' },
          tokenSealed: Buffer.from('sealed token'),
        })
        .catch((error: unknown) => error);
      const waiting = () =>
        asSuperuser<{ pid: number }>(cluster, url, "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE push_transactions%'");
      await until(async () => (await waiting()).length === 1);
      await asSuperuser(cluster, url, 'SELECT pg_terminate_backend($1)', [(await waiting())[0]!.pid]);
      expect(await approving).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
      await holder.query('COMMIT');
      await holder.end();

      expect(await store.pushTransactions.signedResponseUsed('response')).toBe(false);
      expect(await store.sessions.find('token-hash')).toBeUndefined();
      expect(await store.pushTransactions.get('push-1')).toMatchObject({ status: 'pending' });
      expect(await store.pushTransactions.claimSession('push-1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('carries events between instances, and after losing its listening connection reconnects and says changes may have been missed', async () => {
    const url = await cluster.createDatabase();
    const [first, second] = [await openPostgresStore(url, { reconnectDelayMs: { first: 20, max: 100 } }), await openPostgresStore(url)];
    try {
      const pushed = nextEvent(first, (event) => event.kind === 'push');
      await second.events.publish({ kind: 'push', id: 'push-9' });
      expect(await pushed).toEqual({ kind: 'push', id: 'push-9' });

      const resynced = nextEvent(first, (event) => event.kind === 'server-changes');
      const listeners = await asSuperuser<{ pid: number }>(cluster, url, "SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
      expect(listeners).toHaveLength(2);
      for (const { pid } of listeners) await asSuperuser(cluster, url, 'SELECT pg_terminate_backend($1)', [pid]);
      await resynced;

      const again = nextEvent(first, (event) => event.kind === 'push');
      await second.events.publish({ kind: 'push', id: 'push-10' });
      expect(await again).toEqual({ kind: 'push', id: 'push-10' });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('ignores what other programs NOTIFY on its channel', async () => {
    const url = await cluster.createDatabase();
    const store = await openPostgresStore(url);
    try {
      const seen: StoreEvent[] = [];
      store.events.subscribe((event) => seen.push(event));
      await asSuperuser(cluster, url, "SELECT pg_notify('gcis_store_events', 'not json'), pg_notify('gcis_store_events', '{\"kind\":\"push\"}')");
      const last = nextEvent(store, (event) => event.kind === 'server-changes');
      await store.events.publish({ kind: 'server-changes' });
      await last;
      expect(seen).toEqual([{ kind: 'server-changes' }]);
    } finally {
      await store.close();
    }
  });

  it('gives a request 503 ERR_STORE_UNAVAILABLE while the database is down, and serves again once it is back', async () => {
    const server = await createTestServer({}, { databaseUrl: await cluster.createDatabase() });
    try {
      const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
      const check = () => server.app.inject({ method: 'GET', url: '/v1/session', headers: { authorization: `Bearer ${token}` } });
      expect((await check()).statusCode).toBe(200);
      await cluster.stop();
      const down = await check();
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe('ERR_STORE_UNAVAILABLE');
      server.advance();
      const login = await server.login({ code: server.codeFor(server.key.secret) });
      expect([login.statusCode, login.json().error.code]).toEqual([503, 'ERR_STORE_UNAVAILABLE']);
      await cluster.start();
      expect((await check()).statusCode).toBe(200);
    } finally {
      await server.data.store.close();
    }
  });
});
