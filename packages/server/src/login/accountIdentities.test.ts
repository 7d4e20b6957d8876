import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../store/Store.js';
import { accountIdentities } from './accountIdentities.js';

const row = (id: number): AccountRow => ({ id, account: `user${id}`, name: `名${id}`, email: `${id}@example.com`, national_id_masked: null, password_hash: 'hash' });

describe('accountIdentities', () => {
  it('reads an account once, then answers from memory without its password hash', async () => {
    const reads: number[] = [];
    const identities = accountIdentities({ get: async (id) => (reads.push(id), row(id)) });
    expect(await identities.get(7)).toEqual({ id: 7, account: 'user7', name: '名7' });
    expect(await identities.get(7)).toEqual({ id: 7, account: 'user7', name: '名7' });
    expect(reads).toEqual([7]);
  });

  it('does not remember an id that has no account', async () => {
    const reads: number[] = [];
    const identities = accountIdentities({ get: async (id) => (reads.push(id), undefined) });
    expect(await identities.get(1)).toBeUndefined();
    expect(await identities.get(1)).toBeUndefined();
    expect(reads).toEqual([1, 1]);
  });

  it('keeps at most maxEntries, forgetting the oldest first', async () => {
    const reads: number[] = [];
    const identities = accountIdentities({ get: async (id) => (reads.push(id), row(id)) }, 2);
    for (const id of [1, 2, 3, 1, 3]) await identities.get(id);
    expect(reads).toEqual([1, 2, 3, 1]);
  });
});
