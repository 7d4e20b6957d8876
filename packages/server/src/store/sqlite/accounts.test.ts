import { describe, expect, it } from 'vitest';
import { isGcisError } from '@gcis/core';
import type { NewAccount } from '../Store.js';
import { openSqliteStore } from './openSqliteStore.js';

// The unique indexes are the last word when two processes pass the command's check at once:
// the insert that loses reports the same stable code the check would have.
const row = (overrides: Partial<NewAccount> = {}): NewAccount => ({
  account: 'alice',
  name: 'Alice',
  email: 'alice@example.com',
  nationalIdHmac: 'mac-of-A123456789',
  nationalIdMasked: 'A12****789',
  passwordHash: '$argon2id$stub',
  createdAt: '2026-11-30T00:00:00.000Z',
  ...overrides,
});

const codeOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return 'inserted';
  } catch (error) {
    return isGcisError(error) ? error.code : `not a GcisError: ${String(error)}`;
  }
};

describe('SQLite accounts.insert', () => {
  it.each([
    ['the account name in other case', { account: 'ALICE', email: 'b@example.com', nationalIdHmac: 'other' }, 'ERR_ACCOUNT_EXISTS'],
    ['the national ID', { account: 'bob', email: 'b@example.com' }, 'ERR_NATIONAL_ID_TAKEN'],
    ['the e-mail address in other case', { account: 'bob', email: 'Alice@Example.COM', nationalIdHmac: 'other' }, 'ERR_EMAIL_TAKEN'],
  ])('refuses %s with a stable code', async (_what, overrides, code) => {
    const { accounts } = openSqliteStore(':memory:');
    await accounts.insert(row());
    expect(await codeOf(() => accounts.insert(row(overrides)))).toBe(code);
    expect(await accounts.list()).toHaveLength(1);
  });

  it('lets any number of accounts have no national ID', async () => {
    const { accounts } = openSqliteStore(':memory:');
    await accounts.insert(row({ nationalIdHmac: null }));
    expect(await codeOf(() => accounts.insert(row({ account: 'bob', email: 'b@example.com', nationalIdHmac: null })))).toBe('inserted');
  });

  it('finds an account by e-mail address whatever its case', async () => {
    const { accounts } = openSqliteStore(':memory:');
    await accounts.insert(row());
    expect((await accounts.findByEmail('ALICE@example.com'))?.account).toBe('alice');
    expect(await accounts.findByEmail('alice@example.co')).toBeUndefined();
  });
});
