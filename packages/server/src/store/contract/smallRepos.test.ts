import { describe, expect, it } from 'vitest';
import { contractStores, storesForFile } from './contractStores.js';
import { addAccount, at, countOf, onBoth } from './fixtures.js';

describe.each(contractStores)('check codes, administrator credentials and server changes on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('keeps one check code per account: a new one replaces it, revoking ends it once', async () => {
    const { first, second } = stores;
    const accountId = await addAccount(first);
    expect(await second.oneDayPasswords.get(accountId)).toBeUndefined();
    await first.oneDayPasswords.set({ accountId, codeHash: 'one', issuedAt: at(0), expiresAt: at(100) });
    await second.oneDayPasswords.set({ accountId, codeHash: 'two', issuedAt: at(10), expiresAt: at(200) });
    expect(await first.oneDayPasswords.get(accountId)).toEqual({ account_id: accountId, code_hash: 'two', issued_at: at(10), expires_at: at(200) });
    const revoked = await onBoth([first, second], 6, (store) => store.oneDayPasswords.revoke(accountId));
    expect(countOf(revoked, true)).toBe(1);
    expect(await first.oneDayPasswords.get(accountId)).toBeUndefined();
  });

  it('purges check codes past their day', async () => {
    const { first, second } = await open();
    try {
      const [old, current] = [await addAccount(first), await addAccount(first)];
      await first.oneDayPasswords.set({ accountId: old, codeHash: 'h', issuedAt: at(0), expiresAt: at(50) });
      await first.oneDayPasswords.set({ accountId: current, codeHash: 'h', issuedAt: at(0), expiresAt: at(150) });
      expect(await second.oneDayPasswords.purgeExpired(at(100))).toBe(1);
      expect(await first.oneDayPasswords.get(current)).toBeDefined();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('knows an administrator credential by its hash only', async () => {
    const { first, second } = stores;
    await first.adminCredentials.add('admin-hash', at(0));
    expect(await second.adminCredentials.has('admin-hash')).toBe(true);
    expect(await second.adminCredentials.has('ADMIN-HASH')).toBe(false);
  });

  it('counts server changes from every instance, none lost', async () => {
    const { first, second } = stores;
    const before = await first.serverChanges.version();
    await onBoth([first, second], 20, (store) => store.serverChanges.bump());
    expect(await second.serverChanges.version()).toBe(before + 20);
  });
});

describe.each(contractStores)('events on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('hands an instance its own events, to every subscriber until it unsubscribes', async () => {
    const { first } = stores;
    const [seen, alsoSeen] = [[] as unknown[], [] as unknown[]];
    const unsubscribe = first.events.subscribe((event) => seen.push(event));
    const stopAlso = first.events.subscribe((event) => alsoSeen.push(event));
    const arrived = new Promise<void>((resolve) => {
      const stop = first.events.subscribe((event) => event.kind === 'server-changes' && (stop(), resolve()));
    });
    await first.events.publish({ kind: 'push', id: 'push-1' });
    await first.events.publish({ kind: 'server-changes' });
    await arrived;
    expect(seen).toEqual([{ kind: 'push', id: 'push-1' }, { kind: 'server-changes' }]);
    expect(alsoSeen).toEqual(seen);
    unsubscribe();
    stopAlso();
    const last = new Promise<void>((resolve) => {
      const stop = first.events.subscribe(() => (stop(), resolve()));
    });
    await first.events.publish({ kind: 'push', id: 'push-2' });
    await last;
    expect(seen).toHaveLength(2);
  });

  it('keeps delivering to the others when one subscriber throws', async () => {
    const { first } = stores;
    const stopThrowing = first.events.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    const arrived = new Promise((resolve) => {
      const stop = first.events.subscribe((event) => (stop(), resolve(event)));
    });
    await first.events.publish({ kind: 'push', id: 'push-3' });
    await expect(arrived).resolves.toEqual({ kind: 'push', id: 'push-3' });
    stopThrowing();
  });
});
