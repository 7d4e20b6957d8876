import { describe, expect, it } from 'vitest';
import { isGcisError } from '@gcis/core';
import { accountsRepo } from './accounts.js';
import { openDatabase } from './openDatabase.js';

// The unique indexes are the last word when two processes pass the command's check at once:
// the insert that loses reports the same stable code the check would have.
const row = (overrides: Partial<Parameters<ReturnType<typeof accountsRepo>['insert']>[0]> = {}) => ({
  account: 'alice',
  name: 'Alice',
  email: 'alice@example.com',
  nationalIdHmac: 'mac-of-A123456789',
  nationalIdMasked: 'A12****789',
  passwordHash: '$argon2id$stub',
  createdAt: '2026-11-30T00:00:00.000Z',
  ...overrides,
});

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'inserted';
  } catch (error) {
    return isGcisError(error) ? error.code : `not a GcisError: ${String(error)}`;
  }
};

describe('accountsRepo.insert', () => {
  it.each([
    ['the account name in other case', { account: 'ALICE', email: 'b@example.com', nationalIdHmac: 'other' }, 'ERR_ACCOUNT_EXISTS'],
    ['the national ID', { account: 'bob', email: 'b@example.com' }, 'ERR_NATIONAL_ID_TAKEN'],
    ['the e-mail address in other case', { account: 'bob', email: 'Alice@Example.COM', nationalIdHmac: 'other' }, 'ERR_EMAIL_TAKEN'],
  ])('refuses %s with a stable code', (_what, overrides, code) => {
    const accounts = accountsRepo(openDatabase(':memory:'));
    accounts.insert(row());
    expect(codeOf(() => accounts.insert(row(overrides)))).toBe(code);
    expect(accounts.list()).toHaveLength(1);
  });

  it('lets any number of accounts have no national ID', () => {
    const accounts = accountsRepo(openDatabase(':memory:'));
    accounts.insert(row({ nationalIdHmac: null }));
    expect(codeOf(() => accounts.insert(row({ account: 'bob', email: 'b@example.com', nationalIdHmac: null })))).toBe('inserted');
  });

  it('finds an account by e-mail address whatever its case', () => {
    const accounts = accountsRepo(openDatabase(':memory:'));
    accounts.insert(row());
    expect(accounts.findByEmail('ALICE@example.com')?.account).toBe('alice');
    expect(accounts.findByEmail('alice@example.co')).toBeUndefined();
  });
});
