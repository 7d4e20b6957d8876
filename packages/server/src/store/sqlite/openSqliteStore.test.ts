import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewPushTransaction, Store, StoreEvent, ThrottleKey } from '../Store.js';
import { migrations } from './migrations.js';
import { openSqliteStore } from './openSqliteStore.js';

// The SQLite store's own rules, attacked through the Store: two connections on one file stand
// for two processes (each opens its own), and every race is sent at once.
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 2, 0, seconds)).toISOString();
const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

function twoConnections(): [Store, Store] {
  const file = join(mkdtempSync(join(tmpdir(), 'gcis-sqlite-store-')), 'gcis.db');
  const stores: [Store, Store] = [openSqliteStore(file), openSqliteStore(file)];
  opened.push(...stores);
  return stores;
}

async function withAccountAndPush(store: Store, id = 'tx-1'): Promise<{ accountId: number; push: NewPushTransaction }> {
  const accountId = await store.accounts.insert({
    account: 'mei', name: 'Mei', email: 'mei@example.com', nationalIdHmac: 'mac', nationalIdMasked: null, passwordHash: 'x', createdAt: at(0),
  });
  const push = { id, nationalIdHmac: 'mac', nationalIdSealed: Buffer.from('sealed id'), accountId, matchCode: '42', origin: 'https://gcis.test', createdAt: at(0), expiresAt: at(120) };
  await store.pushTransactions.insert(push);
  return { accountId, push };
}

const approval = (id: string, accountId: number, responseHash = 'response-1', tokenHash = 'token-hash-1') => ({
  id,
  responseHash,
  at: at(10),
  session: { tokenHash, accountId, method: 'push' as const, issuedAt: at(10) },
  tokenSealed: Buffer.from(`sealed ${tokenHash}`),
});

describe('SQLite push transactions', () => {
  it('approves once: the response is spent, the session stored, and the token claimed by exactly one of many pollers', async () => {
    const [a, b] = twoConnections();
    const { accountId } = await withAccountAndPush(a);
    expect(await b.pushTransactions.approve(approval('tx-1', accountId))).toBe('approved');
    expect((await a.pushTransactions.get('tx-1'))?.status).toBe('approved');
    expect(await a.sessions.find('token-hash-1')).toMatchObject({ account_id: accountId, method: 'push' });
    const claims = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).pushTransactions.claimSession('tx-1')));
    expect(claims.filter(Boolean).map(String)).toEqual(['sealed token-hash-1']);
    expect(await a.pushTransactions.claimSession('tx-1')).toBeUndefined();
  });

  it('refuses a second approval: the same response is a replay, another response finds the transaction ended', async () => {
    const [a, b] = twoConnections();
    const { accountId } = await withAccountAndPush(a);
    const results = await Promise.all([a, b, a, b].map((store) => store.pushTransactions.approve(approval('tx-1', accountId))));
    expect(results.sort()).toEqual(['approved', 'replay', 'replay', 'replay']);
    expect(await a.pushTransactions.approve(approval('tx-1', accountId, 'response-2', 'token-hash-2'))).toBe('ended');
    expect(await a.sessions.find('token-hash-2')).toBeUndefined();
    expect(await a.pushTransactions.signedResponseUsed('response-2')).toBe(false); // rolled back with the rest
  });

  it('leaves a cancelled transaction alone: no session, the response not spent, nothing to claim', async () => {
    const [a] = twoConnections();
    const { accountId } = await withAccountAndPush(a);
    expect(await a.pushTransactions.finish('tx-1', 'cancelled', at(5))).toBe(true);
    expect(await a.pushTransactions.approve(approval('tx-1', accountId))).toBe('ended');
    expect(await a.pushTransactions.signedResponseUsed('response-1')).toBe(false);
    expect(await a.sessions.find('token-hash-1')).toBeUndefined();
    expect(await a.pushTransactions.claimSession('tx-1')).toBeUndefined();
    expect(await a.pushTransactions.finish('tx-1', 'denied', at(6))).toBe(false);
  });

  it('gives the poll lease to one holder at a time, lets it renew, and to another once it ran out or was given back', async () => {
    const [a, b] = twoConnections();
    await withAccountAndPush(a);
    const lease = (store: Store, holder: string, now: number, until: number) => store.pushTransactions.leasePoll('tx-1', holder, at(now), at(until));
    const first = await Promise.all(['one', 'two', 'three', 'four'].map((holder, n) => lease(n % 2 ? a : b, holder, 0, 10)));
    expect(first.filter(Boolean)).toHaveLength(1);
    const holder = ['one', 'two', 'three', 'four'][first.indexOf(true)]!;
    const other = holder === 'one' ? 'two' : 'one';
    expect(await lease(a, other, 9, 19)).toBe(false); // one second before it runs out
    expect(await lease(b, holder, 9, 19)).toBe(true); // renewed by its holder
    expect(await lease(a, other, 18, 28)).toBe(false);
    expect(await lease(a, other, 19, 29)).toBe(true); // ran out: taken over
    await a.pushTransactions.releasePoll('tx-1', holder); // not the holder any more: no effect
    expect(await lease(b, holder, 20, 30)).toBe(false);
    await a.pushTransactions.releasePoll('tx-1', other);
    expect(await lease(b, holder, 20, 30)).toBe(true);
    expect(await lease(a, 'any', 0, 10)).toBe(false);
    expect(await a.pushTransactions.leasePoll('no-such-transaction', 'one', at(0), at(10))).toBe(false);
  });
});

describe('SQLite sessions', () => {
  it('never moves last_seen_at back when touches arrive out of order', async () => {
    const [a, b] = twoConnections();
    const { accountId } = await withAccountAndPush(a);
    await a.sessions.insert({ tokenHash: 'h', accountId, method: 'totp', issuedAt: at(0) });
    await Promise.all([a.sessions.touch('h', at(30)), b.sessions.touch('h', at(50)), a.sessions.touch('h', at(40))]);
    await b.sessions.touch('h', at(20));
    expect((await a.sessions.find('h'))?.last_seen_at).toBe(at(50));
  });
});

describe('SQLite throttle.change', () => {
  const key: ThrottleKey = { method: 'totp', account: 'alice', source: '' };
  const row = (failures: number) => ({ ...key, failures, lock_level: 0, locked_until: null, last_failure_at: at(0), expires_at: at(3600) });

  it('counts every one of many concurrent changes from two connections: none reads what another is about to write', async () => {
    const [a, b] = twoConnections();
    const seen = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        (n % 2 ? a : b).throttle.change([key], ([current]) => ({ rows: [row((current?.failures ?? 0) + 1)], result: current?.failures ?? 0 })),
      ),
    );
    expect(new Set(seen).size).toBe(100);
    expect((await a.throttle.get(key))?.failures).toBe(100);
  });

  it('writes nothing when the change throws, and deletes a row given as null', async () => {
    const [a] = twoConnections();
    const other: ThrottleKey = { ...key, source: '10.0.0.1' };
    await a.throttle.change([key, other], () => ({ rows: [row(2), { ...row(5), ...other }], result: undefined }));
    await expect(a.throttle.change([key], () => { throw new RangeError('refused'); })).rejects.toThrow(RangeError);
    expect((await a.throttle.get(key))?.failures).toBe(2);
    expect(await a.throttle.change([key, other], (rows) => ({ rows: [null, rows[1]!], result: rows.map((r) => r?.failures) }))).toEqual([2, 5]);
    expect(await a.throttle.get(key)).toBeUndefined();
    expect(await a.throttle.count()).toBe(1);
  });
});

describe('SQLite store events', () => {
  it('delivers a publish to every subscriber of this store, its own included, and not to another store object', async () => {
    const [a, b] = twoConnections();
    const got: string[] = [];
    const event: StoreEvent = { kind: 'push', id: 'tx-1' };
    a.events.subscribe(() => {
      throw new Error('a subscriber that fails');
    });
    const stop = a.events.subscribe((e) => got.push(`a1 ${JSON.stringify(e)}`));
    a.events.subscribe((e) => got.push(`a2 ${e.kind}`));
    b.events.subscribe((e) => got.push(`b ${e.kind}`));
    await a.events.publish(event);
    stop();
    await a.events.publish({ kind: 'server-changes' });
    expect(got).toEqual([`a1 ${JSON.stringify(event)}`, 'a2 push', 'a2 server-changes']);
  });
});

describe('openSqliteStore', () => {
  it('upgrades a database of the previous release in place, keeping its push transactions', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gcis-sqlite-store-')), 'gcis.db');
    const old = new Database(file);
    for (const migration of migrations.slice(0, -1)) old.exec(migration);
    old.pragma(`user_version = ${migrations.length - 1}`);
    const accountId = Number(
      old.prepare("INSERT INTO accounts (account, name, email, password_hash, created_at) VALUES ('mei', 'Mei', 'm@example.com', 'x', ?)").run(at(0)).lastInsertRowid,
    );
    old.prepare(
      `INSERT INTO push_transactions (id, national_id_hmac, national_id_sealed, account_id, match_code, origin, status, created_at, expires_at)
       VALUES ('tx-1', 'mac', x'00', ?, '42', 'https://gcis.test', 'pending', ?, ?)`,
    ).run(accountId, at(0), at(120));
    old.close();
    const [first, second] = [openSqliteStore(file), openSqliteStore(file)]; // two processes starting at once
    opened.push(first, second);
    expect(await first.pushTransactions.get('tx-1')).toMatchObject({ status: 'pending', account_id: accountId });
    expect(await second.pushTransactions.leasePoll('tx-1', 'one', at(0), at(10))).toBe(true);
    expect(await second.pushTransactions.approve(approval('tx-1', accountId))).toBe('approved');
    expect(String(await first.pushTransactions.claimSession('tx-1'))).toBe('sealed token-hash-1');
    expect(first.kind).toBe('sqlite');
    expect(first.location).toBe(file);
  });
});
