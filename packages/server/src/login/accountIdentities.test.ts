import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../store/accounts.js';
import { accountIdentities } from './accountIdentities.js';

const row = (id: number): AccountRow => ({ id, account: `user${id}`, name: `名${id}`, email: `${id}@example.com`, national_id_masked: null, password_hash: 'hash' });

describe('accountIdentities', () => {
  it('reads an account once, then answers from memory without its password hash', () => {
    const reads: number[] = [];
    const identities = accountIdentities({ get: (id) => (reads.push(id), row(id)) });
    expect(identities.get(7)).toEqual({ id: 7, account: 'user7', name: '名7' });
    expect(identities.get(7)).toEqual({ id: 7, account: 'user7', name: '名7' });
    expect(reads).toEqual([7]);
  });

  it('does not remember an id that has no account', () => {
    const reads: number[] = [];
    const identities = accountIdentities({ get: (id) => (reads.push(id), undefined) });
    expect(identities.get(1)).toBeUndefined();
    expect(identities.get(1)).toBeUndefined();
    expect(reads).toEqual([1, 1]);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const reads: number[] = [];
    const identities = accountIdentities({ get: (id) => (reads.push(id), row(id)) }, 2);
    for (const id of [1, 2, 3, 1, 3]) identities.get(id);
    expect(reads).toEqual([1, 2, 3, 1]);
  });
});
