import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { contractStores, storesForFile } from './contractStores.js';
import type { Store, StoreEvent } from '../Store.js';
import { addAccount, at, countOf, race } from './fixtures.js';

let sessions = 0;
const tokenHash = () => `token-hash-${++sessions}`;

/** The session-revoked events each of `stores` hears until a `push` marker published on `publisher` after `work` is done. */
async function revocationsDuring(stores: Store[], publisher: Store, work: () => Promise<unknown>): Promise<StoreEvent[][]> {
  const marker = `marker-${++sessions}`;
  const listening = stores.map((store) => {
    const heard: StoreEvent[] = [];
    let stop = () => undefined as void;
    const done = new Promise<StoreEvent[]>((resolve) => {
      stop = store.events.subscribe((event) => (event.kind === 'push' && event.id === marker ? (stop(), resolve(heard)) : event.kind === 'session-revoked' && void heard.push(event)));
    });
    return done;
  });
  await work();
  await publisher.events.publish({ kind: 'push', id: marker });
  return Promise.all(listening);
}

describe.each(contractStores)('sessions on $name', ({ name, open }) => {
  const stores = storesForFile(open);

  it('stores a session that every instance finds', async () => {
    const { first, second } = stores;
    const accountId = await addAccount(first);
    const hash = tokenHash();
    await first.sessions.insert({ tokenHash: hash, accountId, method: 'totp', issuedAt: at(0) });
    expect(await second.sessions.find(hash)).toEqual({
      token_hash: hash,
      account_id: accountId,
      method: 'totp',
      issued_at: at(0),
      last_seen_at: at(0),
      revoked_at: null,
    });
    expect(await second.sessions.find(`${hash}x`)).toBeUndefined();
  });

  it('moves last use forward only, whichever instance touches last', async () => {
    const { first, second } = stores;
    const accountId = await addAccount(first);
    const hash = tokenHash();
    await first.sessions.insert({ tokenHash: hash, accountId, method: 'push', issuedAt: at(0) });
    await Promise.all([first.sessions.touch(hash, at(90)), second.sessions.touch(hash, at(30)), first.sessions.touch(hash, at(60))]);
    expect((await second.sessions.find(hash))?.last_seen_at).toBe(at(90));
    await second.sessions.touch(hash, at(45));
    expect((await first.sessions.find(hash))?.last_seen_at).toBe(at(90));
  });

  it('revokes once: of 10 concurrent revocations across two instances one says it did', async () => {
    const { first, second } = stores;
    const accountId = await addAccount(first);
    const hash = tokenHash();
    await first.sessions.insert({ tokenHash: hash, accountId, method: 'totp', issuedAt: at(0) });
    const row = { table: 'sessions', where: 'token_hash = $1', values: [hash] };
    const results = await race(stores, row, 10, (store, index) => store.sessions.revoke(hash, at(10 + index)));
    expect(countOf(results, true)).toBe(1);
    expect((await first.sessions.find(hash))?.revoked_at).not.toBeNull();
    expect(await first.sessions.revoke('no-such-token', at(20))).toBe(false);
  });

  it('announces a revocation as session-revoked, once, to every instance that hears the other (PostgreSQL), and says when what it hears is complete', async () => {
    const { first, second } = stores;
    const accountId = await addAccount(first);
    const hash = tokenHash();
    await first.sessions.insert({ tokenHash: hash, accountId, method: 'totp', issuedAt: at(0) });
    const revokeTwice = async () => {
      expect(await first.sessions.revoke(hash, at(10))).toBe(true);
      expect(await first.sessions.revoke(hash, at(11))).toBe(false);
      expect(await first.sessions.revoke('no-such-token', at(12))).toBe(false);
    };
    const announced = [{ kind: 'session-revoked', tokenHash: hash }];
    if (name === 'postgres') {
      expect(await revocationsDuring([first, second], first, revokeTwice)).toEqual([announced, announced]);
      expect(first.events.receiving()).toBeTypeOf('number');
    } else {
      // One process per file: this handle's own events carry it; other processes' handles never
      // hear them, so what this one hears stays trusted only while no other handle writes.
      expect(await revocationsDuring([first], first, revokeTwice)).toEqual([announced]);
      const heard = first.events.receiving();
      expect(heard).toBeTypeOf('number');
      await first.sessions.touch(hash, at(30)); // its own write
      await delay(2); // past the millisecond an answer is reused for (sqlite/localEvents.ts)
      expect(first.events.receiving()).toBe(heard);
      await second.captchas.insert('other-process', 'hash', at(31)); // another process's write, of anything
      await delay(2);
      expect(first.events.receiving()).not.toBe(heard);
    }
  });

  it('purges revoked sessions and those past either limit, keeping the live', async () => {
    const { first, second } = await open();
    try {
      const accountId = await addAccount(first);
      const insert = (hash: string, issued: number) => first.sessions.insert({ tokenHash: hash, accountId, method: 'totp', issuedAt: at(issued) });
      await insert('live', 100);
      await insert('revoked', 100);
      await insert('too-old', 10);
      await insert('idle', 100);
      await first.sessions.revoke('revoked', at(101));
      await first.sessions.touch('live', at(200));
      await first.sessions.touch('too-old', at(200));
      expect(await second.sessions.purgeDead({ issuedBefore: at(50), seenBefore: at(150) })).toBe(3);
      expect(await first.sessions.find('live')).toBeDefined();
      for (const hash of ['revoked', 'too-old', 'idle']) expect(await first.sessions.find(hash)).toBeUndefined();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
