import { describe, expect, it } from 'vitest';
import type { NewAccountCertificate } from '../Store.js';
import { contractStores, storesForFile } from './contractStores.js';
import { addAccount, at, onBoth } from './fixtures.js';

let serials = 0;
const certificate = (accountId: number, serialHex = `0${++serials}`): NewAccountCertificate => ({
  accountId,
  issuer: 'C=TW, O=行政院, OU=內政部憑證管理中心',
  serialHex,
  thumbprint: `thumb-${serialHex}`,
  name: '王小明',
  idLast4: '6789',
  boundAt: at(serials),
});

describe.each(contractStores)('account certificates on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('binds a certificate once and finds it by issuer and serial, or by account', async () => {
    const { first, second } = stores;
    const [owner, other] = [await addAccount(first), await addAccount(first)];
    const bound = await first.accountCertificates.bind(certificate(owner, 'aa01'));
    expect(bound).toMatchObject({ account_id: owner, serial_hex: 'aa01', thumbprint: 'thumb-aa01', id_last4: '6789' });
    expect(await second.accountCertificates.bind({ ...certificate(owner, 'aa01'), thumbprint: 'changed' })).toEqual(bound);
    expect(await second.accountCertificates.bind(certificate(other, 'aa01'))).toEqual(bound);
    expect(await second.accountCertificates.find(bound.issuer, 'aa01')).toEqual(bound);
    expect(await second.accountCertificates.find(bound.issuer, 'AA01')).toBeUndefined();
    const later = await second.accountCertificates.bind(certificate(owner));
    expect((await first.accountCertificates.listFor(owner)).map((row) => row.id)).toEqual([bound.id, later.id]);
    expect(await first.accountCertificates.listFor(other)).toEqual([]);
  });

  it('gives 10 concurrent bindings of one certificate to two accounts, on two instances, one binding', async () => {
    const { first, second } = stores;
    const accounts = [await addAccount(first), await addAccount(first)];
    const serial = `bb${++serials}`;
    const bindings = await onBoth([first, second], 10, (store, index) => store.accountCertificates.bind(certificate(accounts[index % 2]!, serial)));
    expect(new Set(bindings.map((row) => `${row.id}/${row.account_id}`)).size).toBe(1);
    expect((await first.accountCertificates.listFor(accounts[0]!)).length + (await first.accountCertificates.listFor(accounts[1]!)).length).toBe(1);
  });
});
