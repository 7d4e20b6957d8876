import { describe, expect, it } from 'vitest';
import { contractStores, storesForFile } from './contractStores.js';
import { addAccount, countOf, onBoth } from './fixtures.js';

describe.each(contractStores)('accounts on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('finds an account by name and e-mail ignoring ASCII case, by id and by national-ID hash', async () => {
    const { first, second } = stores;
    const id = await addAccount(first, { account: 'Carol', email: 'Carol@Example.com', nationalIdHmac: 'mac-carol', nationalIdMasked: 'A1*****789' });
    const expected = { id, account: 'Carol', email: 'Carol@Example.com', national_id_masked: 'A1*****789', password_hash: 'hash' };
    expect(await second.accounts.find('cAROL')).toMatchObject(expected);
    expect(await second.accounts.get(id)).toMatchObject(expected);
    expect(await second.accounts.findByEmail('carol@example.COM')).toMatchObject(expected);
    expect(await second.accounts.findByNationalIdHmac('mac-carol')).toMatchObject(expected);
    expect(await second.accounts.findByNationalIdHmac('MAC-CAROL')).toBeUndefined();
    expect(await second.accounts.find('carol ')).toBeUndefined();
    expect(await second.accounts.get(id + 1000)).toBeUndefined();
  });

  it('folds ASCII only: names differing in a non-ASCII letter’s case are two accounts', async () => {
    const { first } = stores;
    await addAccount(first, { account: 'Ärger' });
    await expect(addAccount(first, { account: 'ärger' })).resolves.toBeTypeOf('number');
    expect((await first.accounts.find('ÄRGER'))?.account).toBe('Ärger');
  });

  it('refuses a name, e-mail or national ID taken, whatever the case of the name and address', async () => {
    const { first, second } = stores;
    await addAccount(first, { account: 'Dave', email: 'dave@example.com', nationalIdHmac: 'mac-dave' });
    await expect(addAccount(second, { account: 'DAVE' })).rejects.toMatchObject({ code: 'ERR_ACCOUNT_EXISTS' });
    await expect(addAccount(second, { email: 'DAVE@example.com' })).rejects.toMatchObject({ code: 'ERR_EMAIL_TAKEN' });
    await expect(addAccount(second, { nationalIdHmac: 'mac-dave' })).rejects.toMatchObject({ code: 'ERR_NATIONAL_ID_TAKEN' });
  });

  it('lets any number of accounts have no national ID', async () => {
    const { first } = stores;
    await addAccount(first, { nationalIdHmac: null });
    await expect(addAccount(first, { nationalIdHmac: null })).resolves.toBeTypeOf('number');
  });

  it('gives one of 10 concurrent creations of one name, across two instances, the account', async () => {
    const { first, second } = stores;
    const results = await onBoth([first, second], 10, (store, index) =>
      addAccount(store, { account: index % 2 ? 'Eve' : 'eve' }).then(
        () => 'created',
        (error: { code?: string }) => error.code,
      ),
    );
    expect(countOf(results, 'created')).toBe(1);
    expect(countOf(results, 'ERR_ACCOUNT_EXISTS')).toBe(9);
  });

  it('lists every account by name ignoring case, and changes a password hash', async () => {
    const { first, second } = stores;
    const id = await addAccount(first, { account: 'aaron' });
    await addAccount(first, { account: 'ABE' });
    const names = (await second.accounts.list()).map((row) => row.account);
    expect(names.indexOf('aaron')).toBeLessThan(names.indexOf('ABE'));
    expect(names.map((name) => name.toLowerCase())).toEqual(names.map((name) => name.toLowerCase()).sort());
    await second.accounts.setPasswordHash(id, 'new-hash');
    expect((await first.accounts.get(id))?.password_hash).toBe('new-hash');
  });
});
