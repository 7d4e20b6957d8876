import { describe, expect, it } from 'vitest';
import { contractStores, storesForFile } from './contractStores.js';
import { addAccount, at, countOf, race } from './fixtures.js';

const secret = (text: string) => Buffer.from(text);

describe.each(contractStores)('TOTP keys on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('adds, confirms and retires versions: one active, one pending at most', async () => {
    const { first, second } = stores;
    const account = await addAccount(first);
    expect(await first.totpKeys.nextVersion(account)).toBe(1);
    await first.totpKeys.add({ accountId: account, version: 1, status: 'active', secretSealed: secret('one'), createdAt: at(0) });
    await first.totpKeys.add({ accountId: account, version: 2, status: 'pending', secretSealed: secret('two'), createdAt: at(1) });
    // a second pending version replaces the first
    await second.totpKeys.add({ accountId: account, version: 3, status: 'pending', secretSealed: secret('three'), createdAt: at(2) });
    expect(await second.totpKeys.nextVersion(account)).toBe(4);
    expect(await second.totpKeys.pending(account)).toMatchObject({ version: 3, status: 'pending', last_step: null });
    expect((await second.totpKeys.pending(account))?.secret_sealed.equals(secret('three'))).toBe(true);

    await second.totpKeys.promote(account, 3, 1000);
    expect(await first.totpKeys.active(account)).toMatchObject({ account_id: account, version: 3, status: 'active', last_step: 1000 });
    expect(await first.totpKeys.pending(account)).toBeUndefined();
    expect((await first.totpKeys.retired(account)).map((row) => row.version)).toEqual([1]);

    // an administrator's bootstrap: a new active version retires the current one
    await first.totpKeys.add({ accountId: account, version: 4, status: 'active', secretSealed: secret('four'), createdAt: at(3) });
    expect((await second.totpKeys.active(account))?.version).toBe(4);
    expect((await second.totpKeys.retired(account)).map((row) => row.version)).toEqual([3, 1]);
  });

  it('accepts each step once and never an earlier one', async () => {
    const { first, second } = stores;
    const account = await addAccount(first);
    await first.totpKeys.add({ accountId: account, version: 1, status: 'active', secretSealed: secret('s'), createdAt: at(0) });
    expect(await first.totpKeys.advance(account, 1, 100)).toBe(true);
    expect(await second.totpKeys.advance(account, 1, 100)).toBe(false);
    expect(await second.totpKeys.advance(account, 1, 99)).toBe(false);
    expect(await second.totpKeys.advance(account, 1, 101)).toBe(true);
    expect(await first.totpKeys.advance(account, 2, 500)).toBe(false); // no such version
    expect((await first.totpKeys.active(account))?.last_step).toBe(101);
  });

  it('lets exactly one of 20 concurrent uses of one step, across two instances, through', async () => {
    const { first, second } = stores;
    const account = await addAccount(first);
    await first.totpKeys.add({ accountId: account, version: 1, status: 'active', secretSealed: secret('s'), createdAt: at(0) });
    const key = { table: 'totp_keys', where: 'account_id = $1', values: [account] };
    const results = await race(stores, key, 20, (store) => store.totpKeys.advance(account, 1, 59_000_000));
    expect(countOf(results, true)).toBe(1);
  });

  it('lets one of two concurrent uses of neighbouring steps through when the later lands first', async () => {
    const { first, second } = stores;
    const account = await addAccount(first);
    await first.totpKeys.add({ accountId: account, version: 1, status: 'active', secretSealed: secret('s'), createdAt: at(0) });
    const later = await second.totpKeys.advance(account, 1, 201);
    const earlier = await first.totpKeys.advance(account, 1, 200);
    expect([later, earlier]).toEqual([true, false]);
  });

  it('numbers 10 concurrent enrolments of one account, across two instances, 1 to 10, each sealed for its number', async () => {
    const { first } = stores;
    const account = await addAccount(first);
    const versions = await race(stores, { table: 'accounts', where: 'id = $1', values: [account] }, 10, (store) =>
      store.totpKeys.addNext({ accountId: account, status: 'pending', seal: (version) => secret(`for ${version}`), createdAt: at(0) }),
    );
    expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const pending = (await first.totpKeys.pending(account))!;
    expect(pending.version).toBe(10);
    expect(pending.secret_sealed.equals(secret('for 10'))).toBe(true);
    await first.totpKeys.addNext({ accountId: account, status: 'active', seal: (version) => secret(`for ${version}`), createdAt: at(1) });
    expect(await first.totpKeys.active(account)).toMatchObject({ version: 11 });
    expect(await first.totpKeys.pending(account)).toBeUndefined();
  });
});
