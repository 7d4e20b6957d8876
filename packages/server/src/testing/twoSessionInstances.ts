import { buildApp } from '../app.js';
import { createContext } from '../createContext.js';
import type { SessionCacheOptions } from '../login/sessionCache.js';
import { sessionCache } from '../login/sessionCache.js';
import { openPostgresStore, type PostgresStoreOptions } from '../store/postgres/openPostgresStore.js';
import { openSqliteStore } from '../store/sqlite/openSqliteStore.js';
import type { Store, StoreEvent } from '../store/Store.js';
import { createTestDatabase } from './testDatabase.js';
import { createTestServer } from './testServer.js';
import { testStoreKind } from './testStore.js';

/**
 * Two instances of one server on the run's kind of store, as behind a load balancer: A is
 * createTestServer (alice, TOTP); B has its own store connection — on PostgreSQL its own pool and
 * LISTEN client on A's fresh database, on SQLite a second connection to A's file sharing A's
 * in-process events — its own context (session cache included) and app. The rate limits are
 * raised out of the way. `reads` counts B's session reads from its store. Call `close`.
 */
export async function twoSessionInstances({ b: bStore = {}, cache }: { b?: PostgresStoreOptions; cache?: SessionCacheOptions } = {}) {
  const databaseUrl = testStoreKind === 'postgres' ? await createTestDatabase() : undefined;
  // Limits out of the way: these tests send thousands of checks from one address, with one token.
  const unlimited = { max: 100_000_000, windowSeconds: 60 };
  const a = await createTestServer({ rateLimit: unlimited, sessionRateLimit: unlimited }, databaseUrl ? { databaseUrl } : {});
  const opened = databaseUrl ? await openPostgresStore(databaseUrl, { poolSize: 5, ...bStore }) : openSqliteStore(a.data.paths.database);
  const store: Store = databaseUrl ? opened : { ...opened, events: a.data.store.events };
  const context = await createContext({ ...a.data, store }, { clock: a.clock, revealCaptchaAnswer: () => undefined });
  if (cache) {
    context.sessions.close();
    context.sessions = sessionCache(store, a.data.config, cache);
  }
  const app = await buildApp(context);
  const reads = { count: 0 };
  const find = store.sessions.find;
  store.sessions.find = (tokenHash) => ((reads.count += 1), find(tokenHash));
  const b = { app, context, store, reads };

  const { token } = (await a.login({ code: a.codeFor(a.key.secret) })).json();
  const headers = (bearer = token) => ({ authorization: `Bearer ${bearer}` });
  const check = (instance: { app: typeof app }, bearer = token) => instance.app.inject({ method: 'GET', url: '/v1/session', headers: headers(bearer) });
  const logout = (instance: { app: typeof app }, bearer = token) => instance.app.inject({ method: 'DELETE', url: '/v1/session', headers: headers(bearer) });

  const close = async () => {
    await app.close();
    await a.app.close();
    await opened.close();
    if (databaseUrl) await a.data.store.close();
  };
  /** Another session of alice, logged in on A (one TOTP step later). */
  const newToken = async (): Promise<string> => {
    a.advance();
    return (await a.login({ code: a.codeFor(a.key.secret) })).json().token;
  };
  return { a, b, token, check, logout, newToken, close };
}

/** Resolves with the first event `store` hands its subscribers that `wanted` accepts. */
export function nextEvent(store: Store, wanted: (event: StoreEvent) => boolean): Promise<StoreEvent> {
  return new Promise((resolve) => {
    const stop = store.events.subscribe((event) => wanted(event) && (stop(), resolve(event)));
  });
}

/** Polls `condition` every 10 ms until it holds; fails after `withinMs`. */
export async function until(condition: () => boolean | Promise<boolean>, withinMs = 10_000): Promise<void> {
  const end = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not so within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
